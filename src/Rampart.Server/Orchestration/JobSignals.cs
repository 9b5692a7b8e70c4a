using System.Collections.Concurrent;

namespace Rampart.Server.Orchestration;

/// <summary>
/// In-process wake-ups: runners waiting for work wake when a job is queued, and a run waiting for a
/// job wakes when its runner reports. Other replicas' changes are seen by the waiters' short polls.
/// </summary>
public sealed class JobSignals
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _finished = new();
    private TaskCompletionSource _queueChanged = New();

    public Task QueueChanged => Volatile.Read(ref _queueChanged).Task;

    public void NotifyQueueChanged() => Interlocked.Exchange(ref _queueChanged, New()).TrySetResult();

    public Task WaitFinishedAsync(long jobId) => _finished.GetOrAdd(jobId, _ => New()).Task;

    public void NotifyFinished(long jobId)
    {
        if (_finished.TryRemove(jobId, out var waiter))
            waiter.TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
