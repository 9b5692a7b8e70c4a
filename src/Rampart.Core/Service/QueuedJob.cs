namespace Rampart.Core.Service;

/// <summary>
/// One job of a run waiting for, or held by, a runner. <see cref="Payload"/> is what the runner needs
/// to run it (JSON, opaque to the queue) and never holds a secret: secrets are resolved when the job
/// is handed out and travel only in that response.
/// </summary>
public sealed record QueuedJob
{
    public long Id { get; init; }
    public long RunId { get; init; }
    public required string Job { get; init; }

    /// <summary>The repository's name; the queue shares runners fairly between repositories.</summary>
    public required string Repository { get; init; }

    /// <summary>A runner takes the job only when it carries every one of these labels.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public required string Payload { get; init; }
    public QueueState State { get; init; } = QueueState.Queued;

    /// <summary>How many times the job has been handed out (1 after the first claim).</summary>
    public int Attempt { get; init; }

    /// <summary>A job whose runner stops renewing its lease is queued again until this many hand-outs, then failed.</summary>
    public int MaxAttempts { get; init; } = 2;

    public string? RunnerId { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The runner's report (JSON) or, for a job the reaper failed, the reason in one line.</summary>
    public string? Result { get; init; }

    public bool IsFinal => State is QueueState.Succeeded or QueueState.Failed or QueueState.Cancelled;
}
