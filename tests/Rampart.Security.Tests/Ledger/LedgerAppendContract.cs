using System.Text;
using Rampart.Core.Audit;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

/// <summary>What appending guarantees on every storage: indexes, records, checkpoints, proofs.</summary>
public abstract class LedgerAppendContract
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<ILedgerBackend> CreateAsync();

    [Fact]
    public async Task Append_ConcurrentTasks_GetContiguousDistinctIndexes_AndTheLedgerVerifies()
    {
        await using var store = await CreateAsync();
        List<long> indexes;
        await using (var ledger = await store.OpenAsync())
        {
            var tasks = Enumerable.Range(0, 2000).Select(i => ledger.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            indexes = [.. await Task.WhenAll(tasks)];
        }

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), indexes.Order());
        var result = await store.VerifyAsync();
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(2000, result.Entries);
        Assert.Equal(2000, result.CoveredSize);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Append_TwoWritersOnOneLedger_LoseNothing()
    {
        await using var store = await CreateAsync();
        // Two independent ledger objects on the same storage behave like two processes: separate connections and queues.
        await using (var first = await store.OpenAsync(new LedgerOptions { MaxBatch = 7 }))
        await using (var second = await store.OpenAsync(new LedgerOptions { MaxBatch = 5 }))
        {
            var a = Enumerable.Range(0, 300).Select(i => first.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            var b = Enumerable.Range(300, 300).Select(i => second.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            var all = await Task.WhenAll(a.Concat(b));
            Assert.Equal(600, all.Distinct().Count());
        }

        using var reader = await store.OpenReaderAsync();
        Assert.Equal(600, reader.Count);
        var subjects = reader.Entries().Select(e => e.Subject).ToHashSet();
        Assert.Equal(600, subjects.Count);
        Assert.True((await store.VerifyAsync()).Succeeded);
    }

    [Fact]
    public async Task Entry_IsCanonicalJson_WithSortedKeys_AndTheLedgerStampsTheTime()
    {
        await using var store = await CreateAsync();
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 19, 0, 0, 123, TimeSpan.Zero));
        await using (var ledger = await store.OpenAsync(new LedgerOptions { Clock = clock }))
        {
            await ledger.AppendAsync(new AuditEvent(AuditKinds.SecretIssued, "engine", "run/7/job/deploy/step/push",
                new Dictionary<string, string> { ["step"] = "push", ["name"] = "REGISTRY_TOKEN", ["quote"] = "a\"b\u00e9" }), Token);
        }

        using var reader = await store.OpenReaderAsync();
        var stored = reader.RawEntries().Single();
        Assert.Equal(
            """{"actor":"engine","details":{"name":"REGISTRY_TOKEN","quote":"a\"bé","step":"push"},"index":0,"kind":"secret.issued","subject":"run/7/job/deploy/step/push","time":"2026-11-25T19:00:00.123Z"}""",
            Encoding.UTF8.GetString(stored.Body));
        Assert.Equal(MerkleHash.Leaf(stored.Body), stored.LeafHash);
        var entry = reader.Entries().Single();
        Assert.Equal("REGISTRY_TOKEN", entry.Details["name"]);
        Assert.Equal(clock.GetUtcNow(), entry.Time);
    }

    [Fact]
    public async Task Checkpoints_AreSignedNotes_InTlogCheckpointFormat_AndProofsVerifyAgainstThem()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(1000, new LedgerOptions { CheckpointEveryEntries = 100, MaxBatch = 16 });
        using var reader = await store.OpenReaderAsync();
        var verifier = LedgerKeyStore.LoadVerifier(store.StateFolder)!;
        var checkpoints = reader.Checkpoints();
        Assert.True(checkpoints.Count >= 2);
        Checkpoint? previous = null;
        foreach (var stored in checkpoints)
        {
            var lines = stored.SignedNote.Split('\n');
            Assert.Equal(verifier.Name, lines[0]);
            Assert.Equal(stored.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[1]);
            Assert.Equal("", lines[3]);
            Assert.StartsWith("\u2014 " + verifier.Name + " ", lines[4], StringComparison.Ordinal);
            var checkpoint = Checkpoint.Open(stored.SignedNote, verifier);
            if (previous is not null)
            {
                var consistency = reader.ProveConsistency(previous.Size, checkpoint.Size);
                Assert.True(MerkleProofs.VerifyConsistency(previous.Size, checkpoint.Size, previous.RootHash, checkpoint.RootHash, consistency.Hashes));
            }

            foreach (var index in new long[] { 0, checkpoint.Size / 2, checkpoint.Size - 1 })
            {
                var proof = reader.ProveInclusion(index, checkpoint.Size);
                Assert.True(MerkleProofs.VerifyInclusion(index, checkpoint.Size, proof.LeafHash, proof.Hashes, checkpoint.RootHash));
            }

            previous = checkpoint;
        }

        Assert.Equal(1000, previous!.Size);
    }

    [Fact]
    public async Task EmptyLedger_OpenedAndClosed_Verifies_AndHasNoCheckpointToShow()
    {
        await using var store = await CreateAsync();
        await using (var ledger = await store.OpenAsync())
            Assert.Null(await ledger.CheckpointAsync(Token));
        var result = await store.VerifyAsync();
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public async Task Append_RejectsAnEventWithoutKindOrActor()
    {
        await using var store = await CreateAsync();
        await using var ledger = await store.OpenAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new AuditEvent("", "engine", "x"), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new AuditEvent(AuditKinds.RunStarted, " ", "x"), Token));
    }

    [Fact]
    public async Task OpenReader_OfAnOpenLedger_SeesWhatItWrote()
    {
        await using var store = await CreateAsync();
        await using var ledger = await store.OpenAsync();
        await ledger.AppendAsync(TempLedgerFolder.Event(1), Token);
        await ledger.CheckpointAsync(Token);
        using var reader = ledger.OpenReader();
        Assert.Equal(1, reader.Count);
        Assert.True(LedgerVerifier.Verify(reader, ledger.Verifier).Succeeded);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
