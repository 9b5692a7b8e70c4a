using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>
/// Gitea and Forgejo: <c>X-Gitea-Event</c>, <c>X-Gitea-Delivery</c>, <c>X-Gitea-Signature: HEX</c>
/// (Forgejo sends the same as <c>X-Forgejo-*</c>, and the Gitea names too). Payloads have GitHub's shape;
/// a pull request's new commits come with the action <c>synchronized</c>.
/// </summary>
internal sealed class GiteaProvider : IWebhookProvider
{
    private static readonly string[] BuildActions = ["opened", "synchronized", "synchronize", "reopened"];

    private GiteaProvider(string name, string[] prefixes)
    {
        Name = name;
        EventHeaders = [.. prefixes.Select(p => p + "-Event")];
        DeliveryHeaders = [.. prefixes.Select(p => p + "-Delivery")];
        SignatureHeaders = [.. prefixes.Select(p => p + "-Signature")];
    }

    public static GiteaProvider Gitea { get; } = new("gitea", ["X-Gitea"]);

    public static GiteaProvider Forgejo { get; } = new("forgejo", ["X-Forgejo", "X-Gitea"]);

    public string Name { get; }
    public string DeliveryNamespace => "gitea";
    public IReadOnlyList<string> EventHeaders { get; }
    public IReadOnlyList<string> DeliveryHeaders { get; }
    public IReadOnlyList<string> SignatureHeaders { get; }

    public bool Verify(string signature, ReadOnlySpan<byte> body, string secret) => WebhookSignature.HexHmacMatches(signature, body, secret);

    public string RepositoryName(JsonElement payload) => Payload.RequiredString(payload, "repository.full_name");

    public WebhookEvent Interpret(string eventName, JsonElement payload) => eventName switch
    {
        "push" => GitHubProvider.Push(payload, Payload.OptionalString(payload, "pusher.login") ?? Payload.OptionalString(payload, "sender.login")),
        "pull_request" => GitHubProvider.PullRequest(payload, BuildActions, Payload.OptionalString(payload, "sender.login")),
        _ => WebhookEvent.Ignore($"event '{eventName}' starts nothing (push and pull_request do)"),
    };
}
