using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Server.Tests.Webhooks;

/// <summary>
/// One git host's delivery, written from its documented headers and payload fields: just the fields
/// Rampart reads plus a few neighbours, so a test shows which field decides what.
/// </summary>
public sealed record ProviderCase(
    string Name,
    string EventHeader,
    string DeliveryHeader,
    string SignatureHeader,
    string PushEvent,
    string PullRequestEvent,
    Func<string, string, string, string, object> Push,
    Func<string, string?, string, int, object> PullRequest,
    Func<byte[], string, string> Sign)
{
    public const string Zero = "0000000000000000000000000000000000000000";

    public static IReadOnlyDictionary<string, ProviderCase> All { get; } = new Dictionary<string, ProviderCase>
    {
        ["github"] = new("github", "X-GitHub-Event", "X-GitHub-Delivery", "X-Hub-Signature-256", "push", "pull_request",
            (repo, gitRef, before, after) => new { @ref = gitRef, before, after, deleted = after == Zero, repository = new { full_name = repo }, pusher = new { name = "alice" }, sender = new { login = "alice" } },
            (baseRepo, headRepo, sha, number) => new
            {
                action = "opened",
                number,
                pull_request = new { number, head = new { sha, @ref = "feature", repo = headRepo is null ? null : new { full_name = headRepo } }, @base = new { @ref = "main", repo = new { full_name = baseRepo } } },
                repository = new { full_name = baseRepo },
                sender = new { login = "mallory" },
            },
            (body, secret) => "sha256=" + Hmac(body, secret)),
        ["gitlab"] = new("gitlab", "X-Gitlab-Event", "X-Gitlab-Event-UUID", "X-Gitlab-Token", "Push Hook", "Merge Request Hook",
            (repo, gitRef, before, after) => new { object_kind = "push", @ref = gitRef, before, after, checkout_sha = after == Zero ? null : after, user_username = "alice", project = new { id = 7, path_with_namespace = repo } },
            (baseRepo, headRepo, sha, number) => new
            {
                object_kind = "merge_request",
                user = new { username = "mallory" },
                project = new { id = 7, path_with_namespace = baseRepo },
                object_attributes = new
                {
                    iid = number, action = "open", source_branch = "feature", target_branch = "main",
                    source_project_id = headRepo == baseRepo ? 7 : 99, target_project_id = 7,
                    source = new { path_with_namespace = headRepo }, target = new { path_with_namespace = baseRepo }, last_commit = new { id = sha },
                },
            },
            (_, secret) => secret),
        ["gitea"] = Gitea("gitea", "X-Gitea"),
        ["forgejo"] = Gitea("forgejo", "X-Forgejo"),
        ["bitbucket"] = new("bitbucket", "X-Event-Key", "X-Request-UUID", "X-Hub-Signature", "repo:push", "pullrequest:created",
            (repo, gitRef, before, after) => new
            {
                actor = new { nickname = "alice" },
                repository = new { full_name = repo },
                push = new
                {
                    changes = new[]
                    {
                        new
                        {
                            old = new { type = "branch", name = gitRef["refs/heads/".Length..], target = new { hash = before } },
                            @new = after == Zero ? null : new { type = "branch", name = gitRef["refs/heads/".Length..], target = new { hash = after } },
                        },
                    },
                },
            },
            (baseRepo, headRepo, sha, number) => new
            {
                actor = new { nickname = "mallory" },
                repository = new { full_name = baseRepo },
                pullrequest = new
                {
                    id = number,
                    source = new { branch = new { name = "feature" }, commit = new { hash = sha[..12] }, repository = headRepo is null ? null : new { full_name = headRepo } },
                    destination = new { branch = new { name = "main" }, commit = new { hash = "aaaaaaaaaaaa" }, repository = new { full_name = baseRepo } },
                },
            },
            (body, secret) => "sha256=" + Hmac(body, secret)),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    public static byte[] Json(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload);

    /// <summary>Headers of a delivery signed with <paramref name="secret"/> (null: no signature header).</summary>
    public Dictionary<string, string> Headers(string eventName, string deliveryId, byte[] body, string? secret)
    {
        var headers = new Dictionary<string, string> { [EventHeader] = eventName, [DeliveryHeader] = deliveryId };
        if (secret is not null)
            headers[SignatureHeader] = Sign(body, secret);
        return headers;
    }

    public static string Hmac(byte[] body, string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static ProviderCase Gitea(string name, string prefix) => new(name, prefix + "-Event", prefix + "-Delivery", prefix + "-Signature", "push", "pull_request",
        (repo, gitRef, before, after) => new { @ref = gitRef, before, after, repository = new { full_name = repo }, pusher = new { login = "alice" }, sender = new { login = "alice" } },
        (baseRepo, headRepo, sha, number) => new
        {
            action = "opened",
            number,
            pull_request = new { number, head = new { sha, @ref = "feature", repo = headRepo is null ? null : new { full_name = headRepo } }, @base = new { @ref = "main", repo = new { full_name = baseRepo } } },
            repository = new { full_name = baseRepo },
            sender = new { login = "mallory" },
        },
        Hmac);
}
