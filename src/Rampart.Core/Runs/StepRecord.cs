namespace Rampart.Core.Runs;

public sealed record StepRecord
{
    public required long RunId { get; init; }
    public required string Job { get; init; }
    /// <summary>0-based position of the step in its job.</summary>
    public required int Index { get; init; }
    public required string Name { get; init; }
    public Outcome Status { get; init; }
    public int? ExitCode { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Path of the masked log, relative to the state folder.</summary>
    public string? LogPath { get; init; }
}
