using BenchmarkDotNet.Attributes;
using Rampart.Security.Ledger;

namespace Rampart.Benchmarks.Ledger;

/// <summary>
/// Durable appends to a real ledger file (WAL, synchronous=FULL). Each reported time is per append
/// (OperationsPerInvoke), so appends/s = 1 / mean. "Awaited" waits for each append before the next:
/// one fsync each, the worst case.
/// </summary>
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private const int Batch = 20_000;
    private const int Awaited = 200;

    private string _folder = "";
    private AuditLedger? _ledger;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _folder = LedgerBenchmarkData.NewFolder();
        _ledger = AuditLedger.Open(_folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        LedgerBenchmarkData.Delete(_folder);
    }

    /// <summary>One producer queues appends without waiting for each: the writer batches them.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task SingleWriter()
    {
        var run = Interlocked.Increment(ref _run);
        var tasks = new Task[Batch];
        for (var i = 0; i < Batch; i++)
            tasks[i] = _ledger!.AppendAsync(LedgerBenchmarkData.Event(run, i), CancellationToken.None);
        return Task.WhenAll(tasks);
    }

    /// <summary>Eight concurrent producers, each queuing its share.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task EightWriters()
    {
        var run = Interlocked.Increment(ref _run);
        return Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var tasks = new Task[Batch / 8];
            for (var i = 0; i < tasks.Length; i++)
                tasks[i] = _ledger!.AppendAsync(LedgerBenchmarkData.Event(run, (w * tasks.Length) + i), CancellationToken.None);
            await Task.WhenAll(tasks);
        })));
    }

    /// <summary>Eight runs that each await every event before the next (how the engine records steps).</summary>
    [Benchmark(OperationsPerInvoke = Awaited * 8)]
    public Task EightWritersAwaitingEach()
    {
        var run = Interlocked.Increment(ref _run);
        return Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Awaited; i++)
                await _ledger!.AppendAsync(LedgerBenchmarkData.Event(run, (w * Awaited) + i), CancellationToken.None);
        })));
    }

    /// <summary>One run awaiting every event: one transaction and fsync per append.</summary>
    [Benchmark(OperationsPerInvoke = Awaited)]
    public async Task SingleWriterAwaitingEach()
    {
        var run = Interlocked.Increment(ref _run);
        for (var i = 0; i < Awaited; i++)
            await _ledger!.AppendAsync(LedgerBenchmarkData.Event(run, i), CancellationToken.None);
    }
}
