namespace Rampart.Server.Webhooks;

/// <summary>What a delivery asks for: commits to build, or a note saying why it starts nothing.</summary>
internal sealed record WebhookEvent(IReadOnlyList<WebhookBuild> Builds, string? Note)
{
    public static WebhookEvent Ignore(string note) => new([], note);

    public static WebhookEvent Build(WebhookBuild build) => new([build], null);
}
