using System.Text;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

/// <summary>Each test tampers with a real ledger file the way an intruder could, and expects verify to name where.</summary>
public sealed class LedgerTamperTests
{
    private static readonly LedgerOptions SmallBatches = new() { MaxBatch = 10, CheckpointEveryEntries = 100, CheckpointInterval = TimeSpan.FromDays(1) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_NamesTheEntry_WhenOneByteOfItIsEdited()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(500, SmallBatches);
        var body = folder.Query<byte[]>("SELECT body FROM entries WHERE idx = 321;");
        var at = Encoding.UTF8.GetString(body).IndexOf("success", StringComparison.Ordinal);
        body[at] = (byte)'S';
        folder.Tamper("UPDATE entries SET body = $body WHERE idx = 321;", ("$body", body));

        var result = folder.Verify();
        Assert.False(result.Succeeded);
        Assert.Equal(321, result.Problem!.Index);
        Assert.Contains("entry 321 was changed", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheSignedRange_WhenAnEditAlsoRewritesTheLeafHash()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(500, SmallBatches);
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(folder.Query<byte[]>("SELECT body FROM entries WHERE idx = 321;")).Replace("success", "failure", StringComparison.Ordinal));
        folder.Tamper("UPDATE entries SET body = $body, leaf_hash = $leaf WHERE idx = 321;", ("$body", body), ("$leaf", MerkleHash.Leaf(body)));
        var rangeStart = folder.Query<long>("SELECT MAX(size) FROM checkpoints WHERE size <= 321;");

        var result = folder.Verify();
        Assert.False(result.Succeeded);
        Assert.Equal(rangeStart, result.Problem!.Index);
        Assert.Contains($"entries {rangeStart}..", result.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("do not match the checkpoint", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheEntry_WhenOneIsDeleted()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(300, SmallBatches);
        folder.Tamper("DELETE FROM entries WHERE idx = 42;");

        var result = folder.Verify();
        Assert.Equal(42, result.Problem!.Index);
        Assert.Contains("entry 42 is missing", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesTheFirstEntry_WhenTwoAreSwapped()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(300, SmallBatches);
        folder.Tamper("""
            CREATE TEMP TABLE swap AS SELECT idx, body, leaf_hash FROM entries WHERE idx IN (17, 250);
            UPDATE entries SET body = (SELECT body FROM swap WHERE idx = 250), leaf_hash = (SELECT leaf_hash FROM swap WHERE idx = 250) WHERE idx = 17;
            UPDATE entries SET body = (SELECT body FROM swap WHERE idx = 17), leaf_hash = (SELECT leaf_hash FROM swap WHERE idx = 17) WHERE idx = 250;
            """);

        var result = folder.Verify();
        Assert.Equal(17, result.Problem!.Index);
        Assert.Contains("holds the record written as entry 250", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NamesWhereTheLedgerWasCut_WhenTheTailIsTruncated()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(300, SmallBatches);
        folder.Tamper("DELETE FROM entries WHERE idx >= 280;");

        var result = folder.Verify();
        Assert.Equal(280, result.Problem!.Index);
        Assert.Contains("entries 280..299 were removed", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenTheStoreIsReplacedByARebuiltOneSignedByAnotherKey()
    {
        using var folder = new TempLedgerFolder();
        using var forged = new TempLedgerFolder();
        await folder.FillAsync(100, SmallBatches);
        await forged.FillAsync(100, SmallBatches);
        File.Copy(forged.Database, folder.Database, overwrite: true);

        var result = folder.Verify();
        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Problem!.Index);
        Assert.Contains("is not signed by ledger key", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenEveryCheckpointIsDeleted()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(50, SmallBatches);
        folder.Tamper("DELETE FROM checkpoints;");

        var result = folder.Verify();
        Assert.Equal(0, result.Problem!.Index);
        Assert.Contains("no signed checkpoint", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenACheckpointIsForged()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(300, SmallBatches);
        var note = folder.Query<string>("SELECT note FROM checkpoints WHERE size = 300;");
        var lines = note.Split('\n');
        lines[2] = Convert.ToBase64String(new byte[32]);
        folder.Tamper("UPDATE checkpoints SET note = $note WHERE size = 300;", ("$note", string.Join('\n', lines)));

        var result = folder.Verify();
        Assert.False(result.Succeeded);
        Assert.Contains("checkpoint at size 300 is not signed", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_Passes_WhenTheLedgerOnlyGrew()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(60, SmallBatches);
        string saved;
        await using (var ledger = AuditLedger.Open(folder.Path, SmallBatches))
            saved = (await ledger.CheckpointAsync(Token))!.SignedNote;
        await folder.FillAsync(250, SmallBatches);

        var result = folder.Verify(saved);
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(310, result.Entries);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_CatchesAHistoryRewrittenWithTheRealKey()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(60, SmallBatches);
        string saved;
        using (var reader = LedgerReader.Open(folder.Path))
            saved = reader.LatestCheckpoint()!.SignedNote;

        // An intruder who holds the key rebuilds the whole store without one awkward entry: locally it verifies.
        File.Delete(folder.Database);
        await using (var ledger = AuditLedger.Open(folder.Path, SmallBatches))
        {
            foreach (var i in Enumerable.Range(0, 80).Where(i => i != 13))
                await ledger.AppendAsync(TempLedgerFolder.Event(i), Token);
        }

        Assert.True(folder.Verify().Succeeded);
        var result = folder.Verify(saved);
        Assert.False(result.Succeeded);
        Assert.Contains("does not extend the saved checkpoint", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSavedCheckpoint_Fails_WhenTheLedgerIsShorterThanIt()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(60, SmallBatches);
        string saved;
        using (var reader = LedgerReader.Open(folder.Path))
            saved = reader.LatestCheckpoint()!.SignedNote;
        folder.Tamper("DELETE FROM entries WHERE idx >= 40; DELETE FROM checkpoints WHERE size > 40;");

        var result = folder.Verify(saved);
        Assert.False(result.Succeeded);
        Assert.Equal(40, result.Problem!.Index);
    }

    [Fact]
    public async Task Verify_Warns_ButPasses_WhenTheTailIsNotYetCheckpointed()
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(30, SmallBatches);
        var keep = folder.Query<long>("SELECT MIN(size) FROM checkpoints;");
        folder.Tamper("DELETE FROM checkpoints WHERE size > $keep;", ("$keep", keep));

        var result = folder.Verify();
        if (keep == 30)
            return; // One batch took everything: no uncovered tail to show.
        Assert.True(result.Succeeded);
        Assert.Contains($"entries {keep}..29 are not yet covered", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }
}
