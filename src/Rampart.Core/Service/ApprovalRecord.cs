namespace Rampart.Core.Service;

/// <summary>One person's decision on a run's deploy to an environment; each person decides once.</summary>
public sealed record ApprovalRecord
{
    public long RunId { get; init; }
    public required string Environment { get; init; }
    public required string User { get; init; }
    public bool Approved { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
}
