using System.Net;
using System.Net.Sockets;
using Npgsql;
using Rampart.Security.Ledger;
using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Ledger;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Security.Tests.Ledger;

/// <summary>
/// What only the shared PostgreSQL ledger has: replicas in separate state folders appending to one
/// chain, the key every replica must share, triggers, and clear errors when the database cannot be used.
/// </summary>
public sealed class PostgresLedgerTests(PostgresLedgerDatabase database) : IClassFixture<PostgresLedgerDatabase>
{
    private const string Password = "hunter2-never-shown";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoReplicasInTheirOwnStateFolders_AppendingAtOnce_MakeOneChain_WithNoGapOrDuplicate()
    {
        var connectionString = await database.NewSchemaAsync();
        using var home1 = new TempLedgerFolder();
        using var home2 = new TempLedgerFolder();
        LedgerKeyStore.LoadOrCreate(home1.Path).Dispose();
        File.Copy(LedgerPaths.SigningKey(home1.Path), LedgerPaths.SigningKey(home2.Path));

        const int PerReplica = 1500;
        var small = new LedgerOptions { MaxBatch = 16, CheckpointEveryEntries = 50 };
        long[] indexes;
        // Separate storages (separate connection pools) and queues: two processes as far as PostgreSQL can tell.
        await using (var one = AuditLedger.Open(home1.Path, await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token), small))
        await using (var two = AuditLedger.Open(home2.Path, await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token), small))
        {
            // Sixteen appenders per replica, each awaiting every append: many small batches that race for the lock.
            var appenders = Enumerable.Range(0, 32).Select(a => Task.Run(async () =>
            {
                var ledger = a % 2 == 0 ? one : two;
                var mine = new List<long>();
                for (var i = a / 2; i < PerReplica; i += 16)
                    mine.Add(await ledger.AppendEntryAsync(TempLedgerFolder.Event((a % 2 * PerReplica) + i), Token));
                return mine;
            }, Token));
            indexes = [.. (await Task.WhenAll(appenders)).SelectMany(m => m)];
        }

        Assert.Equal(Enumerable.Range(0, 2 * PerReplica).Select(i => (long)i), indexes.Order());
        using var reader = LedgerReader.Open(await PostgresLedgerStorage.OpenAsync(connectionString, create: false, Token));
        var subjects = reader.Entries().Select(e => e.Subject).ToList();
        Assert.Equal(2 * PerReplica, subjects.Distinct(StringComparer.Ordinal).Count());
        var result = LedgerVerifier.Verify(reader, LedgerKeyStore.LoadVerifier(home2.Path)!);
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(2 * PerReplica, result.Entries);
        Assert.Equal(2 * PerReplica, result.CoveredSize);
        Assert.True(result.Checkpoints > 2 * PerReplica / 50 / 2, $"checkpoints were signed along the way ({result.Checkpoints})");
    }

    [Fact]
    public async Task AReplicaWithItsOwnKey_IsRefused_AndNothingIsAppended()
    {
        var connectionString = await database.NewSchemaAsync();
        using var home1 = new TempLedgerFolder();
        using var home2 = new TempLedgerFolder();
        await using (var one = AuditLedger.Open(home1.Path, await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token)))
            await one.AppendAsync(TempLedgerFolder.Event(0), Token);

        var storage = await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token);
        var error = Assert.Throws<LedgerKeyMismatchException>(() => AuditLedger.Open(home2.Path, storage));
        Assert.Contains("same ledger.key", error.Message, StringComparison.Ordinal);
        Assert.Contains(LedgerKeyStore.LoadVerifier(home1.Path)!.Name, error.Message, StringComparison.Ordinal);
        using var reader = LedgerReader.Open(await PostgresLedgerStorage.OpenAsync(connectionString, create: false, Token));
        Assert.Equal(1, reader.Count);
    }

    [Fact]
    public async Task ABatch_HoldsOffEveryOtherWriter_WhichThenReadsTheSizeItLeft()
    {
        var connectionString = await database.NewSchemaAsync();
        using var one = await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token);
        using var two = await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token);
        var first = one.BeginBatch();
        var second = Task.Run(two.BeginBatch, Token);
        await Task.Delay(500, Token);
        Assert.False(second.IsCompleted, "a second writer started a batch while the first held the lock");

        first.AddEntry(0, [1], new byte[32]);
        first.Commit();
        first.Dispose();
        using var next = await second;
        Assert.Equal(1, next.Size);
    }

    [Fact]
    public async Task ABatchDisposedUncommitted_OrFailingAtCommit_LeavesNoRows_AndReleasesTheLock()
    {
        var connectionString = await database.NewSchemaAsync();
        using var storage = await PostgresLedgerStorage.OpenAsync(connectionString, create: true, Token);
        using (var abandoned = storage.BeginBatch())
            abandoned.AddEntry(0, [1], new byte[32]);
        using (var committed = storage.BeginBatch())
        {
            committed.AddEntry(0, [2], new byte[32]);
            committed.Commit();
        }

        using (var failing = storage.BeginBatch())
        {
            failing.AddEntry(1, [3], new byte[32]);
            failing.AddEntry(0, [4], new byte[32]);
            Assert.Throws<PostgresException>(failing.Commit);
        }

        // Each BeginBatch would wait for the lock (and time out) if an earlier batch still held it.
        using (var after = storage.BeginBatch())
            Assert.Equal(1, after.Size);
        Assert.Equal([2], storage.Entries(0, 10).Single().Body);
    }

    [Theory]
    [InlineData("UPDATE ledger_entries SET body = body;")]
    [InlineData("DELETE FROM ledger_entries WHERE idx = 1;")]
    [InlineData("TRUNCATE ledger_entries;")]
    [InlineData("UPDATE ledger_nodes SET hash = hash;")]
    [InlineData("DELETE FROM ledger_checkpoints;")]
    [InlineData("UPDATE ledger_checkpoints SET note = 'x';")]
    public async Task Triggers_RefuseEditsDeletionsAndTruncation(string sql)
    {
        await using var store = await PostgresLedgerBackend.CreateAsync(database);
        await store.FillAsync(3);

        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresLedgerDatabase.ExecuteAsync(store.ConnectionString, sql));
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.True((await store.VerifyAsync()).Succeeded);
    }

    [Fact]
    public async Task Migration_AddsTheLedgerTablesAsVersion5()
    {
        await using var store = await PostgresLedgerBackend.CreateAsync(database);
        await store.FillAsync(1);
        // Later migrations come after 5; the exact total is asserted by the store tests only.
        Assert.True(await store.QueryAsync<int>("SELECT MAX(version) FROM schema_version;") >= 5);
        Assert.True(await store.QueryAsync<bool>("SELECT to_regclass('ledger_entries') IS NOT NULL AND to_regclass('ledger_checkpoints') IS NOT NULL;"));
    }

    [Fact]
    public async Task OpenForReading_ADatabaseWithoutALedger_SaysSo()
    {
        var connectionString = await database.NewSchemaAsync();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PostgresLedgerStorage.OpenAsync(connectionString, create: false, Token));
        Assert.Contains("holds no ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{database.Name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WhenNothingListens_GivesOneLine_WithoutThePassword()
    {
        PostgresServer.ConnectionString();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PostgresLedgerStorage.OpenAsync(
            $"Host=127.0.0.1;Port={port};Username=rampart;Password={Password};Database=audit;Timeout=5", create: false, Token));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
