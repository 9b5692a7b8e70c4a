using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// Which expression contexts carry text an outsider can choose. <see cref="Classify"/> answers
/// High for fields anyone can set through an issue, comment, commit or fork branch; Low for values
/// that are user input of lesser reach (dispatch inputs, unknown event fields); null when safe.
/// </summary>
internal static class AttackerContexts
{
    // Free-text fields of event payloads: titles, bodies, messages, names, branch names.
    private static readonly string[] TextSuffixes =
    [
        ".title", ".body", ".message", ".name", ".email", ".head.ref", ".head.label", ".head_branch", ".page_name",
        ".default_branch", ".description", ".display_title", ".label", ".homepage", ".text",
    ];

    // Event fields whose values are numbers, hashes, timestamps, URLs or fixed enums.
    private static readonly string[] SafeSuffixes =
    [
        ".id", ".number", ".sha", "_sha", ".node_id", ".url", "_url", "_at", ".action", ".state", ".merged", ".draft",
        ".size", "_count", ".count", ".private", ".fork", ".login", ".type", ".conclusion", ".status", ".run_number",
        ".run_attempt", ".before", ".after", ".forced", ".created", ".deleted", ".ref", ".base.ref", ".author_association",
        ".merge_commit_sha", ".workflow_id", ".head_repository.full_name", ".full_name", ".owner.login",
    ];

    private static readonly string[] TrustedEventPrefixes =
    [
        "github.event.repository.", "github.event.organization.", "github.event.enterprise.", "github.event.installation.",
        "github.event.sender.",
    ];

    public static Severity? Classify(string path)
    {
        var p = path.ToLowerInvariant();
        if (p is "github.head_ref")
            return Severity.High;
        if (p is "github.event" or "github" || p.StartsWith("github.event.", StringComparison.Ordinal) && IsWholeObject(p))
            return Severity.High;
        if (p.StartsWith("github.event.inputs.", StringComparison.Ordinal) || p.StartsWith("inputs.", StringComparison.Ordinal))
            return Severity.Low;
        if (!p.StartsWith("github.event.", StringComparison.Ordinal))
            return null;
        if (TrustedEventPrefixes.Any(prefix => p.StartsWith(prefix, StringComparison.Ordinal)))
            return null;
        if (TextSuffixes.Any(s => p.EndsWith(s, StringComparison.Ordinal)))
            return Severity.High;
        if (SafeSuffixes.Any(s => p.EndsWith(s, StringComparison.Ordinal)))
            return null;
        return Severity.Low;
    }

    /// <summary>A whole payload object (<c>github.event.pull_request</c>) contains its free-text fields.</summary>
    private static bool IsWholeObject(string p) => p is "github.event.pull_request" or "github.event.issue" or "github.event.comment"
        or "github.event.review" or "github.event.head_commit" or "github.event.commits" or "github.event.discussion" or "github.event.workflow_run";
}
