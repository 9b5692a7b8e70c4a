namespace Rampart.Core.Runs;

public sealed record JobRecord
{
    public required long RunId { get; init; }
    public required string Name { get; init; }
    public Outcome Status { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? Environment { get; init; }
    public string? Error { get; init; }
}
