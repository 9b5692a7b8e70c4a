using System.Globalization;
using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>GitHub: <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>, <c>X-Hub-Signature-256: sha256=HEX</c>.</summary>
internal sealed class GitHubProvider : IWebhookProvider
{
    private static readonly string[] BuildActions = ["opened", "synchronize", "reopened"];

    public string Name => "github";
    public string DeliveryNamespace => "github";
    public IReadOnlyList<string> EventHeaders { get; } = ["X-GitHub-Event"];
    public IReadOnlyList<string> DeliveryHeaders { get; } = ["X-GitHub-Delivery"];
    public IReadOnlyList<string> SignatureHeaders { get; } = ["X-Hub-Signature-256"];

    public bool Verify(string signature, ReadOnlySpan<byte> body, string secret) => WebhookSignature.PrefixedHmacMatches(signature, body, secret);

    public string RepositoryName(JsonElement payload) => Payload.RequiredString(payload, "repository.full_name");

    public WebhookEvent Interpret(string eventName, JsonElement payload) => eventName switch
    {
        "ping" => WebhookEvent.Ignore("ping received: the webhook is set up"),
        "push" => Push(payload, Payload.OptionalString(payload, "sender.login") ?? Payload.OptionalString(payload, "pusher.name")),
        "pull_request" => PullRequest(payload, BuildActions, Payload.OptionalString(payload, "sender.login")),
        _ => WebhookEvent.Ignore($"event '{eventName}' starts nothing (push and pull_request do)"),
    };

    /// <summary>The push shape GitHub, Gitea and Forgejo share: <c>ref</c>, <c>after</c>, and <c>deleted</c> on GitHub.</summary>
    public static WebhookEvent Push(JsonElement payload, string? actor)
    {
        var gitRef = Payload.Ref(payload, "ref");
        var after = Payload.RequiredString(payload, "after");
        if (Payload.OptionalBool(payload, "deleted") || Payload.IsZeroCommit(after))
            return WebhookEvent.Ignore($"{gitRef} was deleted: nothing to build");
        return WebhookEvent.Build(new WebhookBuild(Payload.Commit(payload, "after"), gitRef, "push", true, actor));
    }

    /// <summary>
    /// The pull request shape GitHub, Gitea and Forgejo share. A head repository other than the base
    /// (or one deleted since) is a fork: the run is untrusted.
    /// </summary>
    public static WebhookEvent PullRequest(JsonElement payload, IReadOnlyCollection<string> buildActions, string? actor)
    {
        var action = Payload.RequiredString(payload, "action");
        if (!buildActions.Contains(action))
            return WebhookEvent.Ignore($"pull request action '{action}' starts nothing ({string.Join(", ", buildActions)} do)");
        var number = Payload.OptionalNumber(payload, "pull_request.number") ?? Payload.OptionalNumber(payload, "number")
            ?? throw new WebhookPayloadException("malformed payload: 'pull_request.number' is missing");
        var commit = Payload.Commit(payload, "pull_request.head.sha");
        var baseRepository = Payload.RequiredString(payload, "pull_request.base.repo.full_name");
        var headRepository = Payload.OptionalString(payload, "pull_request.head.repo.full_name");
        var trusted = headRepository is not null && string.Equals(headRepository, baseRepository, StringComparison.OrdinalIgnoreCase);
        var gitRef = string.Create(CultureInfo.InvariantCulture, $"refs/pull/{number}/head");
        return WebhookEvent.Build(new WebhookBuild(commit, gitRef, "pull_request", trusted, actor));
    }
}
