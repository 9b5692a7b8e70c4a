using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Store.Sqlite.Tests;

/// <summary>The database file itself: creation, reopening, schema version, journal mode and parallel writers.</summary>
public sealed class SqliteRunStoreFileTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task FreshFile_IsCreatedOnFirstUse_AtTheLatestSchemaVersion_InWalMode()
    {
        var store = _db.Open();
        Assert.False(File.Exists(_db.Path), "the constructor does no I/O");

        await store.ListRunsAsync(10, _ct);

        Assert.True(File.Exists(_db.Path));
        // 1: the run tables; 2: the service's tables; 3: run paging indexes; 4: environments and
        // deployments; 5, 6, 7: none here (PostgreSQL's ledger, artifact and attestation, and vault
        // tables), kept so both databases count alike.
        Assert.Equal(7L, _db.Scalar("SELECT version FROM schema_version"));
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal("wal", _db.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task ReopenedFile_KeepsEverything_AndDoesNotMigrateAgain()
    {
        var first = _db.Open();
        var run = await first.CreateRunAsync(Records.Run(), _ct);
        await first.SaveJobAsync(Records.Job(run.Id, "build", Records.T0), _ct);
        await first.AddFindingsAsync(run.Id, [new("R", Severity.High, "m", null, "f")], _ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = _db.Open();
        var details = await reopened.GetRunAsync(run.Id, _ct);
        var next = await reopened.CreateRunAsync(Records.Run(), _ct);

        Assert.NotNull(details);
        Assert.Equal(run, details.Run);
        Assert.Single(details.Jobs);
        Assert.Single(details.Findings);
        Assert.True(next.Id > run.Id);
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task ConcurrentWriters_FromSeveralTasksAndStores_AllSucceed()
    {
        const int Writers = 8;
        const int RunsPerWriter = 15;
        // Two store instances on one file stand in for two processes; each task also reads while others write.
        var stores = new[] { _db.Open(), _db.Open() };

        var ids = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % stores.Length];
            var mine = new List<long>();
            for (var i = 0; i < RunsPerWriter; i++)
            {
                var run = await store.CreateRunAsync(Records.Run($"w{w}"), _ct);
                await store.SaveJobAsync(Records.Job(run.Id, "build", Records.T0), _ct);
                await store.SaveStepAsync(Records.Step(run.Id, "build", 0), _ct);
                await store.AddFindingsAsync(run.Id, [new("R", Severity.Low, "m", null, "a"), new("R", Severity.Low, "m", null, "b")], _ct);
                await store.UpdateRunAsync(run with { Status = Outcome.Succeeded, FinishedAt = Records.T0 }, _ct);
                Assert.NotNull(await store.GetRunAsync(run.Id, _ct));
                mine.Add(run.Id);
            }
            return mine;
        }, _ct)));

        var all = ids.SelectMany(x => x).ToList();
        Assert.Equal(Writers * RunsPerWriter, all.Distinct().Count());
        Assert.Equal((long)Writers * RunsPerWriter, _db.Scalar("SELECT COUNT(*) FROM runs WHERE status = 'Succeeded'"));
        Assert.Equal(2L * Writers * RunsPerWriter, _db.Scalar("SELECT COUNT(*) FROM findings"));
    }
}
