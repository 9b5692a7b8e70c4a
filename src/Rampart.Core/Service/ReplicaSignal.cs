namespace Rampart.Core.Service;

/// <summary>
/// What one replica tells the others: a job was queued (wake waiting runners) or one finished (wake
/// its run). A queued job's <paramref name="Labels"/> let the others wake one runner it fits; without
/// them (jobs put back by the reaper) every waiting runner looks.
/// </summary>
public readonly record struct ReplicaSignal(ReplicaSignalKind Kind, long JobId = 0, IReadOnlyList<string>? Labels = null);

public enum ReplicaSignalKind
{
    QueueChanged,
    JobFinished,
}
