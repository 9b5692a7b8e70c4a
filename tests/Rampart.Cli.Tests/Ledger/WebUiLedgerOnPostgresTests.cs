using Rampart.Cli.Hosting;
using Rampart.Security.Ledger;
using Rampart.Security.Vault;
using Rampart.Store.Postgres.Ledger;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Cli.Tests.Ledger;

/// <summary>The web UI's ledger verification (WebUiSources) reads the server's ledger where it is: here, PostgreSQL.</summary>
public sealed class WebUiLedgerOnPostgresTests : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("rampart-webui-pg-ledger-").FullName;
    private ThrowawayDatabase? _throwaway;
    private string _connection = "";

    public async ValueTask InitializeAsync()
    {
        _throwaway = await ThrowawayDatabase.TryCreateAsync("ledger_test_");
        _connection = _throwaway?.ConnectionString ?? "";
    }

    [Fact]
    public async Task LedgerPage_Verifies_ThenNamesTheEntry_WhenARowIsEditedInPostgres()
    {
        PostgresServer.ConnectionString();
        var token = TestContext.Current.CancellationToken;
        var vault = new SecretVault(SecretVault.DirectoryIn(_home), new MasterKeySource(null, Path.Combine(_home, "master.key")));
        await using var ledger = AuditLedger.Open(_home, await PostgresLedgerStorage.OpenAsync(_connection, create: true, token));
        for (var i = 0; i < 20; i++)
            await ledger.AppendAsync(new Core.Audit.AuditEvent(Core.Audit.AuditKinds.GateDecided, "engine", $"run/{i}", new Dictionary<string, string> { ["decision"] = "pass" }), token);
        await ledger.CheckpointAsync(token);

        var before = await new WebUiSources(new Rampart.Security.Signing.Runs.FileAttestationStore(_home), ledger, vault).LedgerAsync(token);
        Assert.True(before.Verified, before.Problem);
        Assert.Equal(20, before.Entries);

        await ThrowawayDatabase.ExecuteAsync(_connection, "ALTER TABLE ledger_entries DISABLE TRIGGER USER; "
            + "UPDATE ledger_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), 'pass', 'fail'), 'UTF8') WHERE idx = 7;");
        var after = await new WebUiSources(new Rampart.Security.Signing.Runs.FileAttestationStore(_home), ledger, vault).LedgerAsync(token);
        Assert.False(after.Verified);
        Assert.StartsWith("entry 7: ", after.Problem, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(_home, recursive: true);
        if (_throwaway is not null)
            await _throwaway.DisposeAsync();
    }
}
