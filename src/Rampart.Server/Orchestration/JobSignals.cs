using System.Collections.Concurrent;
using Rampart.Core.Service;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Wake-ups: a queued job wakes one waiting runner it fits, and a run waiting for a job wakes when
/// its runner reports. Within a replica they are in-process; between replicas they travel through the
/// database's <see cref="IReplicaSignals"/> (heard by <see cref="ReplicaSignalListener"/>). A job no
/// runner here fits is announced to the other replicas, each of which wakes one of its own. Waking
/// every waiting runner instead cost one empty claim per idle runner per job: 200 idle runners made
/// each job 200 queries. Waiters still poll, rarely while the other replicas are heard and often
/// while they are not.
/// </summary>
public sealed class JobSignals(IReplicaSignals? replicas = null)
{
    private static readonly TimeSpan ClaimPollAlone = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FinishedPollAlone = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollWhileHeard = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> _finished = new();
    private readonly Lock _lock = new();
    private readonly LinkedList<RunnerWait> _waiting = new();
    private volatile bool _heard;

    /// <summary>How often a waiting runner's claim looks at the queue again without a wake-up.</summary>
    public TimeSpan ClaimPoll => _heard ? PollWhileHeard : ClaimPollAlone;

    /// <summary>How often a run waiting for a job looks at it again without a wake-up.</summary>
    public TimeSpan FinishedPoll => _heard ? PollWhileHeard : FinishedPollAlone;

    /// <summary>How many runners wait for work on this replica.</summary>
    public int WaitingRunners
    {
        get
        {
            lock (_lock)
                return _waiting.Count;
        }
    }

    /// <summary>A runner with <paramref name="labels"/> waits for work; dispose when its request ends.</summary>
    public RunnerWait Wait(IReadOnlyList<string> labels)
    {
        var wait = new RunnerWait(this, labels);
        lock (_lock)
            wait.Node = _waiting.AddLast(wait);
        return wait;
    }

    /// <summary>A job with these labels was queued here: wakes one runner here it fits, else tells the other replicas.</summary>
    public void NotifyQueued(IReadOnlyList<string> labels)
    {
        if (!WakeOne(labels))
            Publish(new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: labels));
    }

    /// <summary>Jobs went back to the queue (whatever their labels): wakes every waiting runner, here and on the other replicas.</summary>
    public void NotifyQueueChanged()
    {
        WakeAll();
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
        else if (signal.Labels is { } labels)
            WakeOne(labels);
        else
            WakeAll();
    }

    /// <summary>Whether the other replicas are heard; on a reconnect the waiters look again at once.</summary>
    internal void Heard(bool connected)
    {
        _heard = connected;
        if (!connected)
            return;
        WakeAll();
        foreach (var job in _finished.Keys)
            WakeFinished(job);
    }

    internal void Update(RunnerWait wait, Action<RunnerWait> change)
    {
        lock (_lock)
            change(wait);
    }

    internal void Looked(RunnerWait wait, IReadOnlyList<string>? claimed)
    {
        IReadOnlyList<string>? handOn = null;
        lock (_lock)
        {
            if (wait.Settling && claimed is not null && wait.SettlingFor is { } wokenFor && !SameLabels(claimed, wokenFor))
                handOn = wokenFor;
            wait.Settled();
        }

        if (handOn is not null)
            NotifyQueued(handOn);
    }

    internal void Leave(RunnerWait wait)
    {
        var unanswered = new List<IReadOnlyList<string>?>(2);
        lock (_lock)
        {
            if (wait.Node is { } node)
            {
                _waiting.Remove(node);
                wait.Node = null;
            }

            if (wait.Owed)
                unanswered.Add(wait.OwedFor);
            if (wait.Settling)
                unanswered.Add(wait.SettlingFor);
        }

        // Woken for a job, but gone before a look answered it: another runner looks instead.
        foreach (var labels in unanswered)
        {
            if (labels is null)
                WakeAll();
            else
                NotifyQueued(labels);
        }
    }

    private static bool SameLabels(IReadOnlyList<string> a, IReadOnlyList<string> b) => Fits(a, b) && Fits(b, a);

    // Fits as the queue's claim does: the job's labels are all among the runner's.
    private static bool Fits(IReadOnlyList<string> job, IReadOnlyList<string> runner) => job.All(label => runner.Contains(label, StringComparer.Ordinal));

    /// <summary>Wakes the runner that has waited longest among those the job fits and not yet woken; it then waits last.</summary>
    private bool WakeOne(IReadOnlyList<string> labels)
    {
        lock (_lock)
        {
            for (var node = _waiting.First; node is not null; node = node.Next)
            {
                var wait = node.Value;
                if (wait.Owed || !Fits(labels, wait.Labels))
                    continue;
                wait.Wake(labels);
                _waiting.Remove(node);
                _waiting.AddLast(node);
                return true;
            }
        }

        return false;
    }

    private void WakeAll()
    {
        lock (_lock)
        {
            foreach (var wait in _waiting)
                wait.Wake(null);
        }
    }

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
