using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rampart.Security.Ledger.Merkle;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Cli.Tests.Ledger;

/// <summary>
/// The ledger commands on a server's PostgreSQL (<c>--database postgres:…</c> or
/// <c>RAMPART_SERVER_DATABASE</c>), in a throwaway database on the test server.
/// </summary>
public sealed class LedgerOnPostgresCommandTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "rampart-cli-pg-ledger-" + Guid.NewGuid().ToString("N"));
    private ThrowawayDatabase? _throwaway;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _throwaway = await ThrowawayDatabase.TryCreateAsync("ledger_test_");
        _database = _throwaway?.Setting ?? "";
    }

    [Fact]
    public async Task Append_Show_Verify_Proof_Export_Checkpoint_WorkOnPostgres_AndTheStateFolderHoldsNoLedgerFile()
    {
        PostgresServer.ConnectionString();
        for (var i = 0; i < 3; i++)
        {
            var appended = await RampartProcess.RunAsync(_home, "ledger", "append", "--database", _database, "--kind", "deploy.done", "--actor", "ci", "--subject", $"prod/web/{i}", "--detail", "outcome=success");
            Assert.True(appended.ExitCode == 0, appended.Stderr);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), appended.Stdout.Trim());
        }

        Assert.False(File.Exists(Path.Combine(_home, "ledger.db")));
        var show = await RampartProcess.RunAsync(_home, "ledger", "show", "--database", _database, "--since", "1", "--format", "json");
        Assert.Equal("prod/web/1", JsonDocument.Parse(show.Stdout).RootElement[0].GetProperty("subject").GetString());

        var verify = await RampartProcess.RunAsync(_home, "ledger", "verify", "--database", _database, "--format", "json");
        Assert.Equal(0, verify.ExitCode);
        var shape = JsonDocument.Parse(verify.Stdout).RootElement;
        Assert.True(shape.GetProperty("verified").GetBoolean());
        Assert.Equal(3, shape.GetProperty("entries").GetInt64());

        var checkpoint = await RampartProcess.RunAsync(_home, "ledger", "checkpoint", "--database", _database);
        Assert.Equal(0, checkpoint.ExitCode);
        var proof = JsonDocument.Parse((await RampartProcess.RunAsync(_home, "ledger", "proof", "1", "--database", _database, "--format", "json")).Stdout).RootElement;
        var hashes = proof.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleProofs.VerifyInclusion(1, proof.GetProperty("treeSize").GetInt64(), Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!),
            hashes, Convert.FromBase64String(checkpoint.Stdout.Split('\n')[2])));

        var export = await RampartProcess.RunWithAsync(_home, new Dictionary<string, string> { ["RAMPART_SERVER_DATABASE"] = _database }, "ledger", "export");
        var lines = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(2, JsonDocument.Parse(lines[2]).RootElement.GetProperty("rampart").GetProperty("ledger").GetProperty("index").GetInt64());
    }

    [Fact]
    public async Task Verify_ExitsOne_AndNamesTheEntry_WhenARowIsEditedOrDeletedInPostgres()
    {
        PostgresServer.ConnectionString();
        for (var i = 0; i < 5; i++)
            await RampartProcess.RunAsync(_home, "ledger", "append", "--database", _database, "--kind", "gate.decided", "--actor", "engine", "--subject", $"run/{i}", "--detail", "decision=pass");
        var connectionString = _database["postgres:".Length..];
        await ThrowawayDatabase.ExecuteAsync(connectionString, "ALTER TABLE ledger_entries DISABLE TRIGGER USER; "
            + "UPDATE ledger_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), 'pass', 'fail'), 'UTF8') WHERE idx = 2;");

        var edited = await RampartProcess.RunAsync(_home, "ledger", "verify", "--database", _database);
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("FAILED at entry 2", edited.Stdout, StringComparison.Ordinal);

        await ThrowawayDatabase.ExecuteAsync(connectionString, "DELETE FROM ledger_entries WHERE idx = 1;");
        var deleted = await RampartProcess.RunAsync(_home, "ledger", "verify", "--database", _database);
        Assert.Equal(1, deleted.ExitCode);
        Assert.Contains("entry 1 is missing", deleted.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnAnUnreachableServer_ExitsTwo_WithOneLine_AndNoPassword()
    {
        PostgresServer.ConnectionString();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RampartProcess.RunAsync(_home, "ledger", "verify", "--database", $"postgres:Host=127.0.0.1;Port={port};Username=audit;Password=hunter2-never-shown;Timeout=3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("postgres:Host=127.0.0.1;Password=hunter2-never-shown;Colour=blue", "connection string is not valid")]
    [InlineData("mysql:Host=127.0.0.1", "allowed: sqlite, sqlite:PATH or postgres:CONNECTION-STRING")]
    public async Task Show_WithABadDatabaseSetting_ExitsTwo_WithOneLine(string setting, string expected)
    {
        var result = await RampartProcess.RunAsync(_home, "ledger", "show", "--database", setting);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(_home))
            Directory.Delete(_home, recursive: true);
        if (_throwaway is not null)
            await _throwaway.DisposeAsync();
    }
}
