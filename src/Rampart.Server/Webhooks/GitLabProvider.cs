using System.Globalization;
using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>
/// GitLab: <c>X-Gitlab-Event</c> (<c>Push Hook</c>, <c>Tag Push Hook</c>, <c>Merge Request Hook</c>),
/// <c>X-Gitlab-Event-UUID</c>, and the shared secret token in <c>X-Gitlab-Token</c> (GitLab does not sign the body).
/// </summary>
internal sealed class GitLabProvider : IWebhookProvider
{
    public string Name => "gitlab";
    public string DeliveryNamespace => "gitlab";
    public IReadOnlyList<string> EventHeaders { get; } = ["X-Gitlab-Event"];
    public IReadOnlyList<string> DeliveryHeaders { get; } = ["X-Gitlab-Event-UUID"];
    public IReadOnlyList<string> SignatureHeaders { get; } = ["X-Gitlab-Token"];

    public bool Verify(string signature, ReadOnlySpan<byte> body, string secret) => WebhookSignature.TokenMatches(signature, secret);

    public string RepositoryName(JsonElement payload) => Payload.RequiredString(payload, "project.path_with_namespace");

    public WebhookEvent Interpret(string eventName, JsonElement payload) => eventName switch
    {
        "Push Hook" or "Tag Push Hook" => Push(payload),
        "Merge Request Hook" => MergeRequest(payload),
        _ => WebhookEvent.Ignore($"event '{eventName}' starts nothing (Push Hook, Tag Push Hook and Merge Request Hook do)"),
    };

    private static WebhookEvent Push(JsonElement payload)
    {
        var gitRef = Payload.Ref(payload, "ref");
        if (Payload.IsZeroCommit(Payload.RequiredString(payload, "after")))
            return WebhookEvent.Ignore($"{gitRef} was deleted: nothing to build");
        return WebhookEvent.Build(new WebhookBuild(Payload.Commit(payload, "after"), gitRef, "push", true, Payload.OptionalString(payload, "user_username")));
    }

    /// <summary>
    /// Builds on open, reopen, and an update that brought commits (<c>oldrev</c> set); a title or
    /// label edit starts nothing. A source project other than the target is a fork: untrusted.
    /// </summary>
    private static WebhookEvent MergeRequest(JsonElement payload)
    {
        var action = Payload.RequiredString(payload, "object_attributes.action");
        var builds = action is "open" or "reopen" || action == "update" && Payload.OptionalString(payload, "object_attributes.oldrev") is not null;
        if (!builds)
            return WebhookEvent.Ignore($"merge request action '{action}' starts nothing (open, reopen and update with new commits do)");
        var iid = Payload.OptionalNumber(payload, "object_attributes.iid") ?? throw new WebhookPayloadException("malformed payload: 'object_attributes.iid' is missing");
        var source = Payload.OptionalNumber(payload, "object_attributes.source_project_id")
            ?? throw new WebhookPayloadException("malformed payload: 'object_attributes.source_project_id' is missing");
        var target = Payload.OptionalNumber(payload, "object_attributes.target_project_id")
            ?? throw new WebhookPayloadException("malformed payload: 'object_attributes.target_project_id' is missing");
        var commit = Payload.Commit(payload, "object_attributes.last_commit.id");
        var gitRef = string.Create(CultureInfo.InvariantCulture, $"refs/merge-requests/{iid}/head");
        return WebhookEvent.Build(new WebhookBuild(commit, gitRef, "pull_request", source == target, Payload.OptionalString(payload, "user.username")));
    }
}
