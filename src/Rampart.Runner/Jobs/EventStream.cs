using Rampart.Core.Service.Protocol;

namespace Rampart.Runner.Jobs;

/// <summary>
/// Sends what a job does to the server in order, in small batches, a few times a second, so logs
/// stream live without one request per line. When the server says the job is no longer this
/// runner's, <see cref="Lost"/> fires and the job is stopped.
/// </summary>
internal sealed class EventStream(RunnerClient client, long jobId) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    // One flush at a time, so the last flush waits for a batch the pump is still sending.
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private List<RunnerEvent> _pending = [];
    private Task? _pump;

    public CancellationToken Lost => _lost.Token;

    public void Start() => _pump = PumpAsync();

    public void Add(RunnerEvent item)
    {
        lock (_lock)
            _pending.Add(item);
    }

    /// <summary>Sends everything added so far.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<RunnerEvent> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                    return;
                batch = _pending;
                _pending = [];
            }

            for (var offset = 0; offset < batch.Count; offset += 500)
            {
                var part = batch.GetRange(offset, Math.Min(500, batch.Count - offset));
                bool held;
                try
                {
                    held = await client.SendEventsAsync(jobId, part, CancellationToken.None).ConfigureAwait(false);
                }
                catch
                {
                    // Not sent: put the rest back in front, in order, for the next flush.
                    lock (_lock)
                        _pending.InsertRange(0, batch.Skip(offset));
                    throw;
                }

                if (!held)
                {
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task PumpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or RunnerServerException)
            {
                // The server is briefly away: the events stay queued for the next flush.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
            await _pump.ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
        _sending.Dispose();
    }
}
