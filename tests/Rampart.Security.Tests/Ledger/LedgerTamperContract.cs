using System.Text;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Notes;
using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

/// <summary>
/// Each test tampers with a real ledger the way an intruder with write access to its storage could
/// (real SQL UPDATE and DELETE), and expects verify to name where. Run on every storage.
/// </summary>
public abstract class LedgerTamperContract
{
    protected static readonly LedgerOptions SmallBatches = new() { MaxBatch = 10, CheckpointEveryEntries = 100, CheckpointInterval = TimeSpan.FromDays(1) };

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<ILedgerBackend> CreateAsync();

    [Fact]
    public async Task Verify_NamesTheEntry_WhenOneByteOfItIsEdited()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(500, SmallBatches);
        var body = await store.QueryAsync<byte[]>("SELECT body FROM {entries} WHERE idx = 321;");
        var at = Encoding.UTF8.GetString(body).IndexOf("success", StringComparison.Ordinal);
        body[at] = (byte)'S';
        await store.TamperAsync("UPDATE {entries} SET body = @body WHERE idx = 321;", ("@body", body));

        var result = await store.VerifyAsync();
        Assert.False(result.Succeeded);
        Assert.Equal(321, result.Problem!.Index);
        Assert.Contains("entry 321 was changed", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheSignedRange_WhenAnEditAlsoRewritesTheLeafHash()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(500, SmallBatches);
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(await store.QueryAsync<byte[]>("SELECT body FROM {entries} WHERE idx = 321;")).Replace("success", "failure", StringComparison.Ordinal));
        await store.TamperAsync("UPDATE {entries} SET body = @body, leaf_hash = @leaf WHERE idx = 321;", ("@body", body), ("@leaf", MerkleHash.Leaf(body)));
        var rangeStart = await store.QueryAsync<long>("SELECT MAX(size) FROM {checkpoints} WHERE size <= 321;");

        var result = await store.VerifyAsync();
        Assert.False(result.Succeeded);
        Assert.Equal(rangeStart, result.Problem!.Index);
        Assert.Contains($"entries {rangeStart}..", result.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("do not match the checkpoint", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheEntry_WhenOneIsDeleted()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(300, SmallBatches);
        await store.TamperAsync("DELETE FROM {entries} WHERE idx = 42;");

        var result = await store.VerifyAsync();
        Assert.Equal(42, result.Problem!.Index);
        Assert.Contains("entry 42 is missing", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheFirstEntry_WhenTwoAreSwapped()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(300, SmallBatches);
        await store.TamperAsync("""
            CREATE TEMP TABLE swap AS SELECT idx, body, leaf_hash FROM {entries} WHERE idx IN (17, 250);
            UPDATE {entries} SET body = (SELECT body FROM swap WHERE idx = 250), leaf_hash = (SELECT leaf_hash FROM swap WHERE idx = 250) WHERE idx = 17;
            UPDATE {entries} SET body = (SELECT body FROM swap WHERE idx = 17), leaf_hash = (SELECT leaf_hash FROM swap WHERE idx = 17) WHERE idx = 250;
            """);

        var result = await store.VerifyAsync();
        Assert.Equal(17, result.Problem!.Index);
        Assert.Contains("holds the record written as entry 250", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesWhereTheLedgerWasCut_WhenTheTailIsTruncated()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(300, SmallBatches);
        await store.TamperAsync("DELETE FROM {entries} WHERE idx >= 280;");

        var result = await store.VerifyAsync();
        Assert.Equal(280, result.Problem!.Index);
        Assert.Contains("entries 280..299 were removed", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenEveryCheckpointIsDeleted()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(50, SmallBatches);
        await store.TamperAsync("DELETE FROM {checkpoints};");

        var result = await store.VerifyAsync();
        Assert.Equal(0, result.Problem!.Index);
        Assert.Contains("no signed checkpoint", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenACheckpointIsForged()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(300, SmallBatches);
        var note = await store.QueryAsync<string>("SELECT note FROM {checkpoints} WHERE size = 300;");
        var lines = note.Split('\n');
        lines[2] = Convert.ToBase64String(new byte[32]);
        await store.TamperAsync("UPDATE {checkpoints} SET note = @note WHERE size = 300;", ("@note", string.Join('\n', lines)));

        var result = await store.VerifyAsync();
        Assert.False(result.Succeeded);
        Assert.Contains("checkpoint at size 300 is not signed", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenEveryCheckpointIsResignedWithAnotherKeyOfTheSameName()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(300, SmallBatches);
        var name = LedgerKeyStore.LoadVerifier(store.StateFolder)!.Name;
        using var intruder = NoteSigner.Generate(name);
        using (var reader = await store.OpenReaderAsync())
        {
            foreach (var stored in reader.Checkpoints())
            {
                var body = stored.SignedNote[..(stored.SignedNote.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
                await store.TamperAsync("UPDATE {checkpoints} SET note = @note WHERE size = @size;", ("@note", SignedNote.Sign(body, intruder)), ("@size", stored.Size));
            }
        }

        var result = await store.VerifyAsync();
        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Problem!.Index);
        Assert.Contains("is not signed by ledger key", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_Fails_WhenAStoredInteriorNodeIsChanged()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(64, SmallBatches);
        string saved;
        using (var reader = await store.OpenReaderAsync())
            saved = reader.Checkpoints().First(c => c.Size is > 0 and < 64).SignedNote;
        await store.FillAsync(40, SmallBatches);
        // The perfect subtree over entries 0..63 (level 6, index 0): the root of 104 entries is built from it.
        await store.TamperAsync("UPDATE {nodes} SET hash = @hash WHERE id = @id;", ("@hash", new byte[32]), ("@id", 6L << 48));

        Assert.True((await store.VerifyAsync()).Succeeded, "a plain verify recomputes the tree from the entries and does not read cached nodes");
        var result = await store.VerifyAsync(saved);
        Assert.False(result.Succeeded);
        Assert.Contains("node cache damaged", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheRangeSignedAfterwards_WhenANodeOnTheTreeEdgeIsChangedBeforeMoreAppends()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(64, SmallBatches);
        await store.TamperAsync("UPDATE {nodes} SET hash = @hash WHERE id = @id;", ("@hash", new byte[32]), ("@id", 6L << 48));
        // The next writer rebuilds the tree's edge from that node, so the checkpoint it signs cannot match the entries.
        await store.FillAsync(40, SmallBatches);

        var result = await store.VerifyAsync();
        Assert.False(result.Succeeded);
        Assert.Equal(64, result.Problem!.Index);
        Assert.Contains("do not match the checkpoint", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_Passes_WhenTheLedgerOnlyGrew()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(60, SmallBatches);
        string saved;
        await using (var ledger = await store.OpenAsync(SmallBatches))
            saved = (await ledger.CheckpointAsync(Token))!.SignedNote;
        await store.FillAsync(250, SmallBatches);

        var result = await store.VerifyAsync(saved);
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(310, result.Entries);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_CatchesAHistoryRewrittenWithTheRealKey()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(60, SmallBatches);
        string saved;
        using (var reader = await store.OpenReaderAsync())
            saved = reader.LatestCheckpoint()!.SignedNote;

        // An intruder who holds the key rebuilds the whole store without one awkward entry: locally it verifies.
        await store.WipeAsync();
        await using (var ledger = await store.OpenAsync(SmallBatches))
        {
            foreach (var i in Enumerable.Range(0, 80).Where(i => i != 13))
                await ledger.AppendAsync(TempLedgerFolder.Event(i), Token);
        }

        Assert.True((await store.VerifyAsync()).Succeeded);
        var result = await store.VerifyAsync(saved);
        Assert.False(result.Succeeded);
        Assert.Contains("does not extend the saved checkpoint", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_Fails_WhenTheLedgerIsShorterThanIt()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(60, SmallBatches);
        string saved;
        using (var reader = await store.OpenReaderAsync())
            saved = reader.LatestCheckpoint()!.SignedNote;
        await store.TamperAsync("DELETE FROM {entries} WHERE idx >= 40; DELETE FROM {checkpoints} WHERE size > 40;");

        var result = await store.VerifyAsync(saved);
        Assert.False(result.Succeeded);
        Assert.Equal(40, result.Problem!.Index);
    }

    [Fact]
    public async Task Verify_Warns_ButPasses_WhenTheTailIsNotYetCheckpointed()
    {
        await using var store = await CreateAsync();
        await store.FillAsync(30, SmallBatches);
        var keep = await store.QueryAsync<long>("SELECT MIN(size) FROM {checkpoints};");
        await store.TamperAsync("DELETE FROM {checkpoints} WHERE size > @keep;", ("@keep", keep));

        var result = await store.VerifyAsync();
        if (keep == 30)
            return; // One batch took everything: no uncovered tail to show.
        Assert.True(result.Succeeded);
        Assert.Contains($"entries {keep}..29 are not yet covered", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }
}
