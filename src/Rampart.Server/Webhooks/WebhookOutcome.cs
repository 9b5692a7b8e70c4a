namespace Rampart.Server.Webhooks;

/// <summary>
/// The answer to one delivery: HTTP status, the metric label, one line for the git host's delivery
/// log, and the runs started or refused.
/// </summary>
internal sealed record WebhookOutcome(int Status, string Result, string Message)
{
    public IReadOnlyList<long> Runs { get; init; } = [];

    public IReadOnlyList<string> Refused { get; init; } = [];
}
