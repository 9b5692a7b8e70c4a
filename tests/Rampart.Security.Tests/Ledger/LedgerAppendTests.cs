using System.Text;
using Rampart.Core.Audit;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

public sealed class LedgerAppendTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Append_ConcurrentTasks_GetContiguousDistinctIndexes_AndTheLedgerVerifies()
    {
        using var folder = new TempLedgerFolder();
        List<long> indexes;
        await using (var ledger = AuditLedger.Open(folder.Path))
        {
            var tasks = Enumerable.Range(0, 2000).Select(i => ledger.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            indexes = [.. await Task.WhenAll(tasks)];
        }

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), indexes.Order());
        var result = folder.Verify();
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(2000, result.Entries);
        Assert.Equal(2000, result.CoveredSize);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Append_TwoWritersOnOneFile_LoseNothing()
    {
        using var folder = new TempLedgerFolder();
        // Two independent ledger objects on the same file behave like two processes: separate connections and queues.
        await using (var first = AuditLedger.Open(folder.Path, new LedgerOptions { MaxBatch = 7 }))
        await using (var second = AuditLedger.Open(folder.Path, new LedgerOptions { MaxBatch = 5 }))
        {
            var a = Enumerable.Range(0, 300).Select(i => first.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            var b = Enumerable.Range(300, 300).Select(i => second.AppendEntryAsync(TempLedgerFolder.Event(i), Token));
            var all = await Task.WhenAll(a.Concat(b));
            Assert.Equal(600, all.Distinct().Count());
        }

        using var reader = LedgerReader.Open(folder.Path);
        Assert.Equal(600, reader.Count);
        var subjects = reader.Entries().Select(e => e.Subject).ToHashSet();
        Assert.Equal(600, subjects.Count);
        Assert.True(folder.Verify().Succeeded);
    }

    [Fact]
    public async Task Entry_IsCanonicalJson_WithSortedKeys_AndTheLedgerStampsTheTime()
    {
        using var folder = new TempLedgerFolder();
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 19, 0, 0, 123, TimeSpan.Zero));
        await using (var ledger = AuditLedger.Open(folder.Path, new LedgerOptions { Clock = clock }))
        {
            await ledger.AppendAsync(new AuditEvent(AuditKinds.SecretIssued, "engine", "run/7/job/deploy/step/push",
                new Dictionary<string, string> { ["step"] = "push", ["name"] = "REGISTRY_TOKEN", ["quote"] = "a\"b\u00e9" }), Token);
        }

        using var reader = LedgerReader.Open(folder.Path);
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
    public async Task SigningKey_IsCreatedOnFirstUse_OwnerOnly_AndReusedAfterwards()
    {
        using var folder = new TempLedgerFolder();
        string first;
        await using (var ledger = AuditLedger.Open(folder.Path))
            first = ledger.Verifier.Text;
        var key = LedgerPaths.SigningKey(folder.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.Database));
        Assert.StartsWith("PRIVATE+KEY+rampart-ledger-", await File.ReadAllTextAsync(key, Token), StringComparison.Ordinal);
        Assert.Equal(first + "\n", await File.ReadAllTextAsync(LedgerPaths.VerifierKey(folder.Path), Token));
        await using (var again = AuditLedger.Open(folder.Path))
            Assert.Equal(first, again.Verifier.Text);
    }

    [Fact]
    public async Task SigningKey_ReadableByOthers_IsRefused()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(1);
        File.SetUnixFileMode(LedgerPaths.SigningKey(folder.Path), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var error = Assert.Throws<UnauthorizedAccessException>(() => AuditLedger.Open(folder.Path));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_AreSignedNotes_InTlogCheckpointFormat_AndProofsVerifyAgainstThem()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(1000, new LedgerOptions { CheckpointEveryEntries = 100, MaxBatch = 16 });
        using var reader = LedgerReader.Open(folder.Path);
        var verifier = LedgerKeyStore.LoadVerifier(folder.Path)!;
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
    public async Task SqliteTriggers_RefuseUpdatesAndDeletes()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(3);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM entries WHERE idx = 1;";
        var error = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        command.CommandText = "UPDATE checkpoints SET note = 'x';";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery());
    }

    [Fact]
    public async Task EmptyLedger_OpenedAndClosed_Verifies_AndHasNoCheckpointToShow()
    {
        using var folder = new TempLedgerFolder();
        await using (var ledger = AuditLedger.Open(folder.Path))
            Assert.Null(await ledger.CheckpointAsync(Token));
        var result = folder.Verify();
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public async Task Append_RejectsAnEventWithoutKindOrActor()
    {
        using var folder = new TempLedgerFolder();
        await using var ledger = AuditLedger.Open(folder.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new AuditEvent("", "engine", "x"), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new AuditEvent(AuditKinds.RunStarted, " ", "x"), Token));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
