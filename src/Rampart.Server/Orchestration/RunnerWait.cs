namespace Rampart.Server.Orchestration;

/// <summary>
/// One runner's request for work while it is open: <see cref="JobSignals"/> wakes it for a job it
/// fits. A wake-up is owed a completed look at the queue that started after it; a runner that
/// leaves before that (it got another job, its claim failed, its request ended) hands the wake-up
/// on, so no queued job is left to wait for a poll. State changes run under the signals' lock.
/// </summary>
public sealed class RunnerWait : IDisposable
{
    private readonly JobSignals _signals;
    private TaskCompletionSource _woken = New();

    internal RunnerWait(JobSignals signals, IReadOnlyList<string> labels)
    {
        _signals = signals;
        Labels = labels;
    }

    internal IReadOnlyList<string> Labels { get; }

    internal LinkedListNode<RunnerWait>? Node { get; set; }

    /// <summary>Woken since the last look at the queue started.</summary>
    internal bool Owed { get; private set; }

    /// <summary>Woken before the look now under way, which has not finished yet.</summary>
    internal bool Settling { get; private set; }

    /// <summary>The labels of the jobs it was woken for; null when a wake-up was for any change.</summary>
    internal IReadOnlyList<string>? OwedFor { get; private set; }

    internal IReadOnlyList<string>? SettlingFor { get; private set; }

    /// <summary>Call right before looking at the queue: that look answers the wake-ups so far.</summary>
    public void Looking() => _signals.Update(this, static w => w.StartLook());

    /// <summary>
    /// Call once that look finished, with the labels of the job it claimed (null: none). A look that
    /// claimed a job of other labels than the one it was woken for hands that wake-up on: the queue
    /// serves the fewest-running repository first, so the woken-for job may still be waiting.
    /// </summary>
    public void Looked(IReadOnlyList<string>? claimed) => _signals.Looked(this, claimed);

    internal void Settled() => (Settling, SettlingFor) = (false, null);

    /// <summary>Waits until woken (at once if woken since the last look started), at most <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        await Task.WhenAny(Volatile.Read(ref _woken).Task, Task.Delay(timeout, time, cancellationToken)).ConfigureAwait(false);

    /// <summary>Leaves the waiting runners, handing on any wake-up no finished look answered.</summary>
    public void Dispose() => _signals.Leave(this);

    internal void Wake(IReadOnlyList<string>? labels)
    {
        // Woken twice before a look: a wake-up for any change covers both.
        OwedFor = Owed && OwedFor is null ? null : labels;
        Owed = true;
        _woken.TrySetResult();
    }

    private void StartLook()
    {
        (Settling, SettlingFor) = (Owed, OwedFor);
        (Owed, OwedFor) = (false, null);
        if (_woken.Task.IsCompleted)
            Volatile.Write(ref _woken, New());
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
