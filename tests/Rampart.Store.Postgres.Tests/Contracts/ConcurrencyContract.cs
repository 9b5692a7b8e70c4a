using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>
/// Several processes or replicas on one database: each worker opens the database itself (its own
/// connections; for PostgreSQL its own data source), as separate server processes would.
/// </summary>
public abstract class ConcurrencyContract : StoreContract
{
    private const int Workers = 6;

    [Fact]
    public async Task ParallelClaimers_ClaimEveryJobExactlyOnce()
    {
        const int jobs = 120;
        for (var i = 0; i < jobs; i++)
        {
            await Db.Queue.EnqueueAsync(new QueuedJob
            {
                RunId = i, Job = "build", Repository = $"acme/repo-{i % 3}", Payload = "{}", EnqueuedAt = T0.AddSeconds(i),
            }, Ct);
        }
        var replicas = await OpenReplicasAsync();
        using var start = new ManualResetEventSlim();

        var claimers = replicas.Select((db, w) => Task.Run(async () =>
        {
            start.Wait(Ct);
            var mine = new List<long>();
            while (await db.Queue.ClaimAsync($"runner-{w}", [], T0.AddHours(1), TimeSpan.FromHours(1), Ct) is { } job)
                mine.Add(job.Id);
            return mine;
        }, Ct)).ToArray();
        start.Set();
        var claimed = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();

        Assert.Equal(jobs, claimed.Count);
        Assert.Equal(jobs, claimed.Distinct().Count());
        Assert.Equal(new QueueCounts(0, jobs), await Db.Queue.CountAsync(Ct));
    }

    [Fact]
    public async Task ParallelReapers_ChangeEachExpiredJobOnce()
    {
        const int jobs = 40;
        for (var i = 0; i < jobs; i++)
        {
            await Db.Queue.EnqueueAsync(new QueuedJob { RunId = i, Job = "build", Repository = "acme/app", Payload = "{}", EnqueuedAt = T0 }, Ct);
            await Db.Queue.ClaimAsync("runner", [], T0, TimeSpan.FromSeconds(10), Ct);
        }
        var replicas = await OpenReplicasAsync();

        var reaped = await Task.WhenAll(replicas.Select(db => Task.Run(() => db.Queue.ReapExpiredAsync(T0.AddMinutes(1), Ct), Ct)));

        var all = reaped.SelectMany(r => r).ToList();
        Assert.Equal(jobs, all.Count);
        Assert.Equal(jobs, all.Select(j => j.Id).Distinct().Count());
        Assert.All(all, j => Assert.Equal(QueueState.Queued, j.State));
        Assert.Equal(new QueueCounts(jobs, 0), await Db.Queue.CountAsync(Ct));
    }

    [Fact]
    public async Task RacingRegistrations_WithOneToken_OneWins()
    {
        await Db.Runners.AddRegistrationTokenAsync(new RegistrationTokenRecord { Hash = "reg-hash", CreatedAt = T0, ExpiresAt = T0.AddHours(1) }, Ct);
        var replicas = await OpenReplicasAsync();

        var results = await Task.WhenAll(replicas.Select(db => Task.Run(() => db.Runners.ConsumeRegistrationTokenAsync("reg-hash", T0.AddMinutes(1), Ct), Ct)));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task ParallelLogAppends_TakeConsecutiveNumbers()
    {
        var replicas = await OpenReplicasAsync();

        var numbers = await Task.WhenAll(replicas.SelectMany(db => Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => db.Logs.AppendLogAsync(1, "build", 0, $"line {i}\n", Ct), Ct))));

        Assert.Equal(Enumerable.Range(1, Workers * 10).Select(n => (long)n), numbers.Order());
        var chunks = await Db.Logs.ReadLogAsync(1, "build", 0, 0, 1000, Ct);
        Assert.Equal(numbers.Order(), chunks.Select(c => c.Sequence));
    }

    [Fact]
    public async Task ReplicasOpeningAtOnce_MigrateOnce()
    {
        // The base class already opened (and migrated) its database; these open another, fresh one.
        await using var fresh = await CreateBackendAsync(Ct);

        var opened = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => fresh.OpenAsync(Ct), Ct)));
        await Task.WhenAll(opened.Select(db => Task.Run(() => db.Repositories.ListRepositoriesAsync(Ct), Ct)));

        Assert.Equal(1, await fresh.ScalarAsync("SELECT COUNT(*) FROM schema_version", Ct));
        Assert.Equal(7, await fresh.ScalarAsync("SELECT MAX(version) FROM schema_version", Ct));
    }

    private async Task<ServiceDatabase[]> OpenReplicasAsync()
    {
        var replicas = new ServiceDatabase[Workers];
        for (var i = 0; i < Workers; i++)
            replicas[i] = await Backend.OpenAsync(Ct);
        return replicas;
    }
}
