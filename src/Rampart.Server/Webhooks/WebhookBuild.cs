namespace Rampart.Server.Webhooks;

/// <summary>One commit a delivery asks to build. <paramref name="Trusted"/> is false for pull requests from forks.</summary>
internal sealed record WebhookBuild(string Commit, string Ref, string Event, bool Trusted, string? Actor);
