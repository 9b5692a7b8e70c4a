using BenchmarkDotNet.Attributes;
using Rampart.Security.Ledger;

namespace Rampart.Benchmarks.Ledger;

/// <summary>
/// A ledger of one million entries (built once in setup): full verification, and inclusion and
/// consistency proofs against it. Proof sizes are printed by the setup.
/// </summary>
[MemoryDiagnoser]
public class LedgerMillionBenchmarks
{
    private const int Entries = 1_000_000;

    private string _folder = "";
    private LedgerReader? _reader;
    private Rampart.Security.Ledger.Notes.NoteVerifier? _verifier;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Environment.GetEnvironmentVariable("RAMPART_BENCH_LEDGER") is { Length: > 0 } kept ? kept : LedgerBenchmarkData.NewFolder();
        if (!File.Exists(LedgerPaths.Database(_folder)))
            Build(_folder).GetAwaiter().GetResult();
        _reader = LedgerReader.Open(_folder);
        _verifier = LedgerKeyStore.LoadVerifier(_folder);
        var inclusion = _reader.ProveInclusion(123_457, _reader.Count);
        var consistency = _reader.ProveConsistency(654_321, _reader.Count);
        Console.WriteLine($"// ledger of {_reader.Count} entries: inclusion proof {inclusion.Hashes.Count} hashes ({inclusion.Hashes.Count * 32} bytes), "
            + $"consistency proof {consistency.Hashes.Count} hashes ({consistency.Hashes.Count * 32} bytes)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader?.Dispose();
        if (Environment.GetEnvironmentVariable("RAMPART_BENCH_LEDGER") is not { Length: > 0 })
            LedgerBenchmarkData.Delete(_folder);
    }

    [Benchmark]
    public bool VerifyAll() => LedgerVerifier.Verify(_reader!, _verifier!).Succeeded ? true : throw new InvalidOperationException("ledger did not verify");

    [Benchmark]
    public int InclusionProof() => _reader!.ProveInclusion(777_777, Entries).Hashes.Count;

    [Benchmark]
    public int ConsistencyProof() => _reader!.ProveConsistency(500_001, Entries).Hashes.Count;

    private static async Task Build(string folder)
    {
        await using var ledger = AuditLedger.Open(folder);
        const int Chunk = 50_000;
        for (var start = 0; start < Entries; start += Chunk)
        {
            var tasks = new Task[Chunk];
            for (var i = 0; i < Chunk; i++)
                tasks[i] = ledger.AppendAsync(LedgerBenchmarkData.Event(start / 1000, start + i), CancellationToken.None);
            await Task.WhenAll(tasks);
        }
    }
}
