using BenchmarkDotNet.Attributes;
using Npgsql;
using Rampart.Core.Secrets;
using Rampart.Security.Vault;
using Rampart.Store.Postgres.Vault;

namespace Rampart.Benchmarks.Vault;

/// <summary>
/// What a server replica on PostgreSQL pays per secret it hands out: one query for the rows of the
/// name, pick the scope, unwrap and decrypt (200 secrets, 3 scopes of the asked name), synchronous and
/// asynchronous. <c>RAMPART_BENCH_POSTGRES</c>: an admin connection string; a throwaway database is
/// created and dropped.
/// </summary>
[MemoryDiagnoser]
public class UnsealOnPostgresBenchmarks : IDisposable
{
    private static readonly SecretScope Job = new("acme/app", "production", "main");
    private string _root = "";
    private string _admin = "";
    private string _database = "";
    private SecretVault? _vault;

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("RAMPART_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("set RAMPART_BENCH_POSTGRES to an admin connection string of a PostgreSQL server on 127.0.0.1");
        _database = "vault_bench_" + Guid.NewGuid().ToString("N");
        Execute(_admin, $"CREATE DATABASE \"{_database}\";");
        _root = Directory.CreateTempSubdirectory("rampart-bench-vault-pg-").FullName;
        var connection = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _vault = new SecretVault(PostgresVaultStorage.OpenAsync(connection, create: true, CancellationToken.None).GetAwaiter().GetResult(),
            new MasterKeySource(null, Path.Combine(_root, "master.key")));
        for (var i = 0; i < 200; i++)
            _vault.Set($"SECRET_{i:D3}", VaultScope.Any, $"value-{i}-" + new string('x', 40));
        _vault.Set("DEPLOY_KEY", VaultScope.Any, "any-scope-deploy-key-value");
        _vault.Set("DEPLOY_KEY", new VaultScope(null, "staging", null), "staging-deploy-key-value");
        _vault.Set("DEPLOY_KEY", new VaultScope("acme/*", "production", "main"), "production-deploy-key-value");
    }

    [Benchmark(Baseline = true)]
    public string? Unseal() => _vault!.Unseal("DEPLOY_KEY", Job);

    [Benchmark]
    public Task<string?> GetAsync() => _vault!.GetAsync("DEPLOY_KEY", Job, CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup()
    {
        _vault?.Dispose();
        NpgsqlConnection.ClearAllPools();
        Execute(_admin, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE);");
        Directory.Delete(_root, recursive: true);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _vault?.Dispose();
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
