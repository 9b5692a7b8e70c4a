using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger;

/// <summary>What only the state folder's file has: the key files' modes and SQLite's triggers.</summary>
public sealed class LedgerAppendTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

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
}
