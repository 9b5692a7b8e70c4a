namespace Rampart.Server.Orchestration;

/// <summary>
/// Bounds how many runs of this replica are in their before-job phase at once (reading the pipeline,
/// checking the commit out, the built-in stages), and lets them in in the order they came. Without
/// it a burst of webhooks started every run's git processes at once: on two cores 2,000 runs took
/// minutes to queue their first job, in no particular order. A run leaves the gate when it queues
/// its first job (or ends), so runs waiting for a runner hold no place.
/// </summary>
internal sealed class PreparationGate(int places)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _free = Math.Max(1, places);

    public static int DefaultPlaces => Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>A place if one is free right now (then no run is waiting either), without waiting.</summary>
    public bool TryEnter([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Place? place)
    {
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                place = new Place(this);
                return true;
            }
        }

        place = null;
        return false;
    }

    /// <summary>Waits for a place, first come first served; dispose the place (or leave it) to give it back.</summary>
    public Task<Place> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return Task.FromResult(new Place(this));
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    private async Task<Place> WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        // A waiter cancelled before its turn is skipped by Release; one cancelled after it got the place keeps it.
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)).ConfigureAwait(false))
            await waiter.Task.ConfigureAwait(false);
        return new Place(this);
    }

    private void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                    return;
            }

            _free++;
        }
    }

    /// <summary>One run's place in the gate; leaving twice gives it back once.</summary>
    internal sealed class Place(PreparationGate gate) : IDisposable
    {
        private int _left;

        public void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
                gate.Release();
        }

        public void Dispose() => Leave();
    }
}
