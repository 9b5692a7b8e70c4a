using System.Collections.Concurrent;
using Rampart.Core.Service;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Wake-ups: runners waiting for work wake when a job is queued, and a run waiting for a job wakes
/// when its runner reports. Within a replica they are in-process; between replicas they travel
/// through the database's <see cref="IReplicaSignals"/> (heard by <see cref="ReplicaSignalListener"/>).
/// Waiters still poll, rarely while the other replicas are heard and often while they are not.
/// </summary>
public sealed class JobSignals(IReplicaSignals? replicas = null)
{
    private static readonly TimeSpan ClaimPollAlone = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FinishedPollAlone = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollWhileHeard = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> _finished = new();
    private TaskCompletionSource _queueChanged = New();
    private volatile bool _heard;

    public Task QueueChanged => Volatile.Read(ref _queueChanged).Task;

    /// <summary>How often a waiting runner's claim looks at the queue again without a wake-up.</summary>
    public TimeSpan ClaimPoll => _heard ? PollWhileHeard : ClaimPollAlone;

    /// <summary>How often a run waiting for a job looks at it again without a wake-up.</summary>
    public TimeSpan FinishedPoll => _heard ? PollWhileHeard : FinishedPollAlone;

    /// <summary>A job was queued here (or put back): wakes this replica's waiting runners and tells the others.</summary>
    public void NotifyQueueChanged()
    {
        WakeQueue();
        Publish(new ReplicaSignal(ReplicaSignalKind.QueueChanged));
    }

    public Task WaitFinishedAsync(long jobId) => _finished.GetOrAdd(jobId, _ => New()).Task;

    /// <summary>A job finished here: wakes the run waiting for it, on this replica or another.</summary>
    public void NotifyFinished(long jobId)
    {
        WakeFinished(jobId);
        Publish(new ReplicaSignal(ReplicaSignalKind.JobFinished, jobId));
    }

    /// <summary>What another replica told: wakes the waiters here, told no further.</summary>
    internal void Receive(ReplicaSignal signal)
    {
        if (signal.Kind == ReplicaSignalKind.JobFinished)
            WakeFinished(signal.JobId);
        else
            WakeQueue();
    }

    /// <summary>Whether the other replicas are heard; on a reconnect the waiters look again at once.</summary>
    internal void Heard(bool connected)
    {
        _heard = connected;
        if (!connected)
            return;
        WakeQueue();
        foreach (var job in _finished.Keys)
            WakeFinished(job);
    }

    private void WakeQueue() => Interlocked.Exchange(ref _queueChanged, New()).TrySetResult();

    private void WakeFinished(long jobId)
    {
        if (_finished.TryRemove(jobId, out var waiter))
            waiter.TrySetResult();
    }

    private void Publish(ReplicaSignal signal)
    {
        if (replicas is null)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await replicas.PublishAsync(signal, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a lost wake-up costs the other replicas one poll, nothing more
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
