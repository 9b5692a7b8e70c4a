using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Npgsql;
using Rampart.Security.Ledger;
using Rampart.Store.Postgres.Ledger;

namespace Rampart.Benchmarks.Ledger;

/// <summary>
/// Durable appends from 16 concurrent appenders to the ledger file (SQLite) and to the ledger in
/// PostgreSQL (<c>RAMPART_BENCH_POSTGRES</c>: an admin connection string; a throwaway database is
/// created and dropped). Time is per append (OperationsPerInvoke), so appends/s = 1 / mean; the
/// Ratio column is PostgreSQL against the SQLite baseline of the same shape.
/// "Batched": each appender queues its share at once. "Awaiting": each awaits every append (how runs
/// record steps), so batches are only as large as the number of appenders waiting.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LedgerStorageBenchmarks
{
    private const int Appenders = 16;
    private const int Batched = 16_000;
    private const int AwaitedEach = 50;

    private string _sqliteFolder = "";
    private string _postgresFolder = "";
    private string _admin = "";
    private string _database = "";
    private AuditLedger? _sqlite;
    private AuditLedger? _postgres;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("RAMPART_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("set RAMPART_BENCH_POSTGRES to an admin connection string of a PostgreSQL server on 127.0.0.1");
        _database = "ledger_bench_" + Guid.NewGuid().ToString("N");
        Execute(_admin, $"CREATE DATABASE \"{_database}\";");
        _sqliteFolder = LedgerBenchmarkData.NewFolder();
        _postgresFolder = LedgerBenchmarkData.NewFolder();
        _sqlite = AuditLedger.Open(_sqliteFolder);
        var connection = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _postgres = AuditLedger.Open(_postgresFolder, PostgresLedgerStorage.OpenAsync(connection, create: true, CancellationToken.None).GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _postgres!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        Execute(_admin, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE);");
        LedgerBenchmarkData.Delete(_sqliteFolder);
        LedgerBenchmarkData.Delete(_postgresFolder);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batched)]
    [BenchmarkCategory("Batched")]
    public Task SqliteBatched() => Queue(_sqlite!);

    [Benchmark(OperationsPerInvoke = Batched)]
    [BenchmarkCategory("Batched")]
    public Task PostgresBatched() => Queue(_postgres!);

    [Benchmark(Baseline = true, OperationsPerInvoke = Appenders * AwaitedEach)]
    [BenchmarkCategory("Awaiting")]
    public Task SqliteAwaiting() => AwaitEach(_sqlite!);

    [Benchmark(OperationsPerInvoke = Appenders * AwaitedEach)]
    [BenchmarkCategory("Awaiting")]
    public Task PostgresAwaiting() => AwaitEach(_postgres!);

    private Task Queue(AuditLedger ledger)
    {
        var run = Interlocked.Increment(ref _run);
        return Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            var tasks = new Task[Batched / Appenders];
            for (var i = 0; i < tasks.Length; i++)
                tasks[i] = ledger.AppendAsync(LedgerBenchmarkData.Event(run, (a * tasks.Length) + i), CancellationToken.None);
            await Task.WhenAll(tasks);
        })));
    }

    private Task AwaitEach(AuditLedger ledger)
    {
        var run = Interlocked.Increment(ref _run);
        return Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < AwaitedEach; i++)
                await ledger.AppendAsync(LedgerBenchmarkData.Event(run, (a * AwaitedEach) + i), CancellationToken.None);
        })));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
