namespace Rampart.Core.Service;

/// <summary>What one replica tells the others: a job was queued (wake waiting runners) or one finished (wake its run).</summary>
public readonly record struct ReplicaSignal(ReplicaSignalKind Kind, long JobId = 0);

public enum ReplicaSignalKind
{
    QueueChanged,
    JobFinished,
}
