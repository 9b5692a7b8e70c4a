using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

/// <summary>The tamper tests on the state folder's ledger file, plus an attack only a file allows.</summary>
public sealed class LedgerTamperOnSqlite : LedgerTamperContract
{
    protected override Task<ILedgerBackend> CreateAsync() => Task.FromResult<ILedgerBackend>(new SqliteLedgerBackend());

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
}
