namespace Rampart.Core.Runs;

/// <summary>One execution of a pipeline for one commit.</summary>
public sealed record RunRecord
{
    public long Id { get; init; }
    public required string Pipeline { get; init; }
    public required string Repository { get; init; }
    public required string Ref { get; init; }
    public required string Commit { get; init; }
    public required string Event { get; init; }
    public Outcome Status { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Why the run failed, in one line, when it did.</summary>
    public string? Error { get; init; }
}
