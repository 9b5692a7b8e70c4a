using System.Diagnostics;
using System.Text.Json;
using Rampart.Cli.Hosting;
using Rampart.Core.Secrets;
using Rampart.Security.Ledger;
using Rampart.Security.Vault;
using Rampart.Store.Postgres.Tests.Backends;
using Rampart.Store.Postgres.Vault;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>
/// <c>rampart secrets</c> on a server's PostgreSQL (<c>--database postgres:…</c> or
/// <c>RAMPART_SERVER_DATABASE</c>), the real executable, in a throwaway database on the test server.
/// </summary>
public sealed class SecretsOnPostgresCommandTests : IAsyncLifetime
{
    private const string Value = "pg-cli-secret-value-4242";
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-cli-pg-vault-").FullName;
    private readonly string _masterKey = MasterKey.GenerateText();
    private ThrowawayDatabase? _throwaway;
    private string _connectionString = "";

    private string Database => "postgres:" + _connectionString;

    public async ValueTask InitializeAsync()
    {
        _throwaway = await ThrowawayDatabase.TryCreateAsync("vault_test_");
        _connectionString = _throwaway?.ConnectionString ?? "";
    }

    [Fact]
    public async Task Set_List_Remove_WorkOnPostgres_AndTheStateFolderHoldsNoVault()
    {
        PostgresServer.ConnectionString();
        var first = await RunAsync(Value, null, "secrets", "set", "DEPLOY_KEY", "--database", Database, "--env", "production");
        var second = await RunAsync(Value + "-two", Database, "secrets", "set", "DEPLOY_KEY", "--env", "production");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("version 1 stored (scope: env=production)", first.Out, StringComparison.Ordinal);
        Assert.Contains("version 2 stored", second.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "state", "vault")));

        var list = await RunAsync(null, Database, "secrets", "list", "--format", "json");
        var shown = Assert.Single(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
        Assert.Equal("production", shown.GetProperty("environment").GetString());
        Assert.Equal(2, shown.GetProperty("latestVersion").GetInt32());
        Assert.DoesNotContain(Value, list.Out + list.Err + first.Out + first.Err, StringComparison.Ordinal);

        // What a server replica on this database, with the same master key, hands to a job.
        using (var vault = new SecretVault(await PostgresVaultStorage.OpenAsync(_connectionString, create: false, TestContext.Current.CancellationToken),
            new MasterKeySource(_masterKey, Path.Combine(_root, "absent.key"))))
            Assert.Equal(Value + "-two", vault.Unseal("DEPLOY_KEY", new SecretScope("acme/app", "production", "main")));

        var rm = await RunAsync(null, null, "secrets", "rm", "DEPLOY_KEY", "--database", Database);
        Assert.Equal(0, rm.Code);
        Assert.Equal("[]", (await RunAsync(null, Database, "secrets", "list", "--format", "json")).Out.Trim());
    }

    [Fact]
    public async Task ConcurrentSetsFromSeveralProcesses_EachGetAVersionOfTheirOwn_AndNoneIsLost()
    {
        PostgresServer.ConnectionString();
        Assert.Equal(0, (await RunAsync(Value, Database, "secrets", "set", "SHARED_TOKEN")).Code);
        const int Writers = 6;

        var runs = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => RunAsync($"{Value}-writer-{i}", Database, "secrets", "set", "SHARED_TOKEN")));

        Assert.All(runs, r => Assert.True(r.Code == 0, r.Err));
        var numbers = runs.Select(r => int.Parse(r.Out.Split("version ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(2, Writers), numbers);
        var shown = Assert.Single(JsonDocument.Parse((await RunAsync(null, Database, "secrets", "list", "--format", "json")).Out).RootElement.EnumerateArray());
        Assert.Equal(1 + Writers, shown.GetProperty("versions").GetInt32());
        Assert.Equal(1 + Writers, shown.GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task ServerVault_OnPostgres_IsWhatTheCommandSet_AndTheWebUiListsItsNames()
    {
        PostgresServer.ConnectionString();
        var token = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await RunAsync(Value, Database, "secrets", "set", "API_KEY", "--repo", "acme/*")).Code);
        var home = Path.Combine(_root, "server");
        Directory.CreateDirectory(home);

        // The server picks its vault from its database setting, as ServerHost does.
        using var vault = await VaultStorages.OpenAsync(home, Database, create: true, token);
        await using var ledger = AuditLedger.Open(home);
        var names = await new WebUiSources(new Rampart.Security.Signing.Runs.FileAttestationStore(home), ledger, vault).SecretsAsync(token);

        var listed = Assert.Single(names);
        Assert.Equal(("API_KEY", "acme/*", 1), (listed.Name, listed.Repository, listed.Versions));
        Assert.False(Directory.Exists(SecretVault.DirectoryIn(home)));
        Assert.StartsWith("postgres ", vault.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres:Host=127.0.0.1;Port=1;Username=rampart;Password=hunter2-not-echoed;Timeout=3", "cannot use PostgreSQL at 127.0.0.1:1")]
    [InlineData("postgres:Host=127.0.0.1;Pasword=hunter2-not-echoed", "connection string is not valid")]
    [InlineData("postgresql://rampart:hunter2-not-echoed@127.0.0.1/db", "is not valid (allowed: sqlite")]
    public async Task BadOrUnreachableDatabase_IsOneLine_ExitTwo_AndNeverEchoesThePassword(string database, string expected)
    {
        var set = await RunAsync(Value, database, "secrets", "set", "DEPLOY_KEY");
        var list = await RunAsync(null, null, "secrets", "list", "--database", database);

        foreach (var run in new[] { set, list })
        {
            Assert.Equal(2, run.Code);
            Assert.Contains(expected, run.Err, StringComparison.Ordinal);
            Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("hunter2", run.Out + run.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_OnADatabaseWithoutAVault_SaysSo_ExitTwo()
    {
        PostgresServer.ConnectionString();

        var list = await RunAsync(null, Database, "secrets", "list");

        Assert.Equal(2, list.Code);
        Assert.Contains("holds no vault", list.Err, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(string? input, string? databaseVariable, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Path.Combine(_root, "state"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "config");
        start.Environment["RAMPART_MASTER_KEY"] = _masterKey;
        start.Environment.Remove("RAMPART_MASTER_KEY_FILE");
        if (databaseVariable is null)
            start.Environment.Remove("RAMPART_SERVER_DATABASE");
        else
            start.Environment["RAMPART_SERVER_DATABASE"] = databaseVariable;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        if (_throwaway is not null)
            await _throwaway.DisposeAsync();
    }
}
