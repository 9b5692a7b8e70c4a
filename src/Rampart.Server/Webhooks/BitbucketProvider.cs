using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>
/// Bitbucket Cloud: <c>X-Event-Key</c> (<c>repo:push</c>, <c>pullrequest:created</c>, <c>pullrequest:updated</c>),
/// <c>X-Request-UUID</c>, <c>X-Hub-Signature: sha256=HEX</c>. One push may update several branches.
/// </summary>
internal sealed class BitbucketProvider : IWebhookProvider
{
    private const int MaxChanges = 100;

    public string Name => "bitbucket";
    public string DeliveryNamespace => "bitbucket";
    public IReadOnlyList<string> EventHeaders { get; } = ["X-Event-Key"];
    public IReadOnlyList<string> DeliveryHeaders { get; } = ["X-Request-UUID"];
    public IReadOnlyList<string> SignatureHeaders { get; } = ["X-Hub-Signature"];

    public bool Verify(string signature, ReadOnlySpan<byte> body, string secret) => WebhookSignature.PrefixedHmacMatches(signature, body, secret);

    public string RepositoryName(JsonElement payload) => Payload.RequiredString(payload, "repository.full_name");

    public WebhookEvent Interpret(string eventName, JsonElement payload) => eventName switch
    {
        "repo:push" => Push(payload),
        "pullrequest:created" or "pullrequest:updated" => PullRequest(payload),
        _ => WebhookEvent.Ignore($"event '{eventName}' starts nothing (repo:push, pullrequest:created and pullrequest:updated do)"),
    };

    private static string? Actor(JsonElement payload) =>
        Payload.OptionalString(payload, "actor.nickname") ?? Payload.OptionalString(payload, "actor.display_name");

    private static WebhookEvent Push(JsonElement payload)
    {
        if (Payload.Find(payload, "push.changes") is not { ValueKind: JsonValueKind.Array } changes || changes.GetArrayLength() > MaxChanges)
            throw new WebhookPayloadException($"malformed payload: 'push.changes' must be a list of at most {MaxChanges} changes");
        var builds = new List<WebhookBuild>();
        var notes = new List<string>();
        foreach (var change in changes.EnumerateArray())
        {
            // A deleted branch or tag has no "new" side.
            if (Payload.Find(change, "new") is not { } updated)
            {
                notes.Add($"{Payload.OptionalString(change, "old.name") ?? "a ref"} was deleted: nothing to build");
                continue;
            }

            var prefix = Payload.RequiredString(updated, "type") switch
            {
                "branch" => "refs/heads/",
                "tag" => "refs/tags/",
                var other => throw new WebhookPayloadException($"malformed payload: 'push.changes.new.type' is '{other}', not branch or tag"),
            };
            var gitRef = Payload.CheckRef(prefix + Payload.RequiredString(updated, "name"), "push.changes.new.name");
            builds.Add(new WebhookBuild(Payload.Commit(updated, "target.hash"), gitRef, "push", true, Actor(payload)));
        }

        return new WebhookEvent(builds, builds.Count == 0 ? string.Join("; ", notes.DefaultIfEmpty("no branch or tag changed")) : null);
    }

    /// <summary>
    /// Bitbucket has no pull-request ref in the target repository: the run builds the source branch's
    /// commit. The payload gives that commit abbreviated (12 digits); the run resolves it when it fetches.
    /// A source repository other than the destination is a fork: untrusted.
    /// </summary>
    private static WebhookEvent PullRequest(JsonElement payload)
    {
        var commit = Payload.RequiredString(payload, "pullrequest.source.commit.hash");
        if (commit.Length is < 7 or > 64 || !commit.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new WebhookPayloadException("malformed payload: 'pullrequest.source.commit.hash' must be a commit id");
        var gitRef = Payload.CheckRef("refs/heads/" + Payload.RequiredString(payload, "pullrequest.source.branch.name"), "pullrequest.source.branch.name");
        var source = Payload.OptionalString(payload, "pullrequest.source.repository.full_name");
        var destination = Payload.RequiredString(payload, "pullrequest.destination.repository.full_name");
        var trusted = source is not null && string.Equals(source, destination, StringComparison.OrdinalIgnoreCase);
        return WebhookEvent.Build(new WebhookBuild(commit, gitRef, "pull_request", trusted, Actor(payload)));
    }
}
