using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>The job queue: claims, leases, reaping, fairness and label routing.</summary>
public abstract class QueueContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected static QueuedJob Job(string repository, string job, DateTimeOffset enqueuedAt, params string[] labels) => new()
    {
        RunId = 1,
        Job = job,
        Repository = repository,
        Labels = labels,
        Payload = $$"""{"job":"{{job}}"}""",
        EnqueuedAt = enqueuedAt,
    };

    [Fact]
    public async Task Claim_HandsOutTheJob_WithRunnerAttemptAndLease()
    {
        var queued = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0, "linux"), Ct);

        var claimed = await Db.Queue.ClaimAsync("runner-1", ["linux", "x64"], T0.AddSeconds(1), Lease, Ct);

        Assert.NotNull(claimed);
        Assert.Equal(queued.Id, claimed.Id);
        Assert.Equal(QueueState.Running, claimed.State);
        Assert.Equal("runner-1", claimed.RunnerId);
        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(T0.AddSeconds(1), claimed.ClaimedAt);
        Assert.Equal(T0.AddSeconds(31), claimed.LeaseExpiresAt);
        Assert.Equal(["linux"], claimed.Labels);
        Assert.Equal(queued.Payload, claimed.Payload);
        Assert.Null(await Db.Queue.ClaimAsync("runner-2", ["linux"], T0.AddSeconds(2), Lease, Ct));
        Assert.Equal(new QueueCounts(0, 1), await Db.Queue.CountAsync(Ct));
    }

    [Fact]
    public async Task Claim_RoutesByLabels_JobNeedsEveryLabelOfItsOwn()
    {
        var gpu = await Db.Queue.EnqueueAsync(Job("acme/app", "train", T0, "linux", "gpu"), Ct);
        var any = await Db.Queue.EnqueueAsync(Job("acme/app", "lint", T0.AddSeconds(1)), Ct);

        var first = await Db.Queue.ClaimAsync("cpu-runner", ["linux"], T0.AddSeconds(2), Lease, Ct);
        var second = await Db.Queue.ClaimAsync("cpu-runner-2", ["linux"], T0.AddSeconds(2), Lease, Ct);
        var third = await Db.Queue.ClaimAsync("gpu-runner", ["gpu", "linux", "big"], T0.AddSeconds(2), Lease, Ct);

        Assert.Equal(any.Id, first?.Id);
        Assert.Null(second);
        Assert.Equal(gpu.Id, third?.Id);
    }

    [Fact]
    public async Task Claim_PrefersTheRepositoryWithFewestRunningJobs_ThenOldest()
    {
        var a1 = await Db.Queue.EnqueueAsync(Job("acme/a", "1", T0.AddSeconds(2)), Ct);
        // Enqueued later in id order but earlier in time: "oldest" is by enqueue time.
        var a0 = await Db.Queue.EnqueueAsync(Job("acme/a", "0", T0.AddSeconds(1)), Ct);
        var a2 = await Db.Queue.EnqueueAsync(Job("acme/a", "2", T0.AddSeconds(3)), Ct);
        var b0 = await Db.Queue.EnqueueAsync(Job("acme/b", "0", T0.AddSeconds(10)), Ct);
        var b1 = await Db.Queue.EnqueueAsync(Job("acme/b", "1", T0.AddSeconds(11)), Ct);

        var order = new List<long>();
        for (var i = 0; i < 5; i++)
            order.Add((await Db.Queue.ClaimAsync($"r{i}", [], T0.AddMinutes(1), Lease, Ct))!.Id);

        // a0 (tie, oldest), b0 (b has 0 running), a1 (tie 1:1, older), b1 (b has 1, a 2), a2.
        Assert.Equal([a0.Id, b0.Id, a1.Id, b1.Id, a2.Id], order);
    }

    [Fact]
    public async Task Renew_ByAnotherRunner_IsRefused_ByTheHolder_ExtendsTheLease()
    {
        var job = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0), Ct);
        await Db.Queue.ClaimAsync("runner-1", [], T0, Lease, Ct);

        Assert.False(await Db.Queue.RenewAsync(job.Id, "runner-2", T0.AddHours(1), Ct));
        Assert.Equal(T0 + Lease, (await Db.Queue.GetAsync(job.Id, Ct))!.LeaseExpiresAt);

        Assert.True(await Db.Queue.RenewAsync(job.Id, "runner-1", T0.AddMinutes(5), Ct));
        Assert.Equal(T0.AddMinutes(5), (await Db.Queue.GetAsync(job.Id, Ct))!.LeaseExpiresAt);
        Assert.Empty(await Db.Queue.ReapExpiredAsync(T0.AddMinutes(4), Ct));
    }

    [Fact]
    public async Task Complete_ByARunnerThatLostTheJob_IsRefused()
    {
        var job = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0), Ct);
        await Db.Queue.ClaimAsync("runner-1", [], T0, Lease, Ct);
        var reaped = await Db.Queue.ReapExpiredAsync(T0.AddMinutes(1), Ct);
        await Db.Queue.ClaimAsync("runner-2", [], T0.AddMinutes(2), Lease, Ct);

        Assert.Equal(QueueState.Queued, Assert.Single(reaped).State);
        Assert.False(await Db.Queue.CompleteAsync(job.Id, "runner-1", QueueState.Succeeded, "{}", T0.AddMinutes(3), Ct));
        Assert.False(await Db.Queue.RenewAsync(job.Id, "runner-1", T0.AddMinutes(10), Ct));
        Assert.True(await Db.Queue.CompleteAsync(job.Id, "runner-2", QueueState.Failed, """{"exit":1}""", T0.AddMinutes(3), Ct));
        Assert.False(await Db.Queue.CompleteAsync(job.Id, "runner-2", QueueState.Succeeded, "{}", T0.AddMinutes(4), Ct));

        var done = (await Db.Queue.GetAsync(job.Id, Ct))!;
        Assert.Equal(QueueState.Failed, done.State);
        Assert.Equal("""{"exit":1}""", done.Result);
        Assert.Equal(T0.AddMinutes(3), done.FinishedAt);
        Assert.Equal(2, done.Attempt);
        Assert.True(done.IsFinal);
    }

    [Fact]
    public async Task Complete_WithAStateThatIsNotFinal_IsRejected()
    {
        var job = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0), Ct);
        await Db.Queue.ClaimAsync("runner-1", [], T0, Lease, Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Db.Queue.CompleteAsync(job.Id, "runner-1", QueueState.Queued, "{}", T0, Ct));
        Assert.Equal(QueueState.Running, (await Db.Queue.GetAsync(job.Id, Ct))!.State);
    }

    [Fact]
    public async Task Reap_RequeuesWhileAttemptsRemain_ThenFailsWithAReason()
    {
        var job = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0) with { MaxAttempts = 2 }, Ct);

        await Db.Queue.ClaimAsync("runner-1", [], T0, Lease, Ct);
        Assert.Empty(await Db.Queue.ReapExpiredAsync(T0.AddSeconds(29), Ct));
        var first = Assert.Single(await Db.Queue.ReapExpiredAsync(T0.AddSeconds(30), Ct));
        var second = await Db.Queue.ClaimAsync("runner-2", [], T0.AddMinutes(1), Lease, Ct);
        var last = Assert.Single(await Db.Queue.ReapExpiredAsync(T0.AddMinutes(2), Ct));

        Assert.Equal(QueueState.Queued, first.State);
        Assert.Null(first.RunnerId);
        Assert.Null(first.LeaseExpiresAt);
        Assert.Equal(1, first.Attempt);
        Assert.Equal(2, second?.Attempt);
        Assert.Equal(QueueState.Failed, last.State);
        Assert.Equal(job.Id, last.Id);
        Assert.Equal(T0.AddMinutes(2), last.FinishedAt);
        Assert.Contains("runner-2", last.Result, StringComparison.Ordinal);
        Assert.Contains("lease", last.Result, StringComparison.Ordinal);
        Assert.Null(await Db.Queue.ClaimAsync("runner-3", [], T0.AddMinutes(3), Lease, Ct));
        Assert.Empty(await Db.Queue.ReapExpiredAsync(T0.AddHours(1), Ct));
        Assert.Equal(new QueueCounts(0, 0), await Db.Queue.CountAsync(Ct));
    }

    [Fact]
    public async Task CancelRun_CancelsQueuedAndRunningJobs_OfThatRunOnly()
    {
        var running = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0) with { RunId = 7 }, Ct);
        var queued = await Db.Queue.EnqueueAsync(Job("acme/app", "test", T0.AddSeconds(1)) with { RunId = 7 }, Ct);
        var other = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0.AddSeconds(2)) with { RunId = 8 }, Ct);
        await Db.Queue.ClaimAsync("runner-1", [], T0.AddSeconds(3), Lease, Ct);

        Assert.Equal(2, await Db.Queue.CancelRunAsync(7, "cancelled by alice", T0.AddSeconds(4), Ct));
        Assert.Equal(0, await Db.Queue.CancelRunAsync(7, "again", T0.AddSeconds(5), Ct));

        Assert.False(await Db.Queue.RenewAsync(running.Id, "runner-1", T0.AddMinutes(1), Ct));
        Assert.Equal(QueueState.Cancelled, (await Db.Queue.GetAsync(queued.Id, Ct))!.State);
        Assert.Equal("cancelled by alice", (await Db.Queue.GetAsync(running.Id, Ct))!.Result);
        Assert.Equal(QueueState.Queued, (await Db.Queue.GetAsync(other.Id, Ct))!.State);
    }

    [Fact]
    public async Task Find_ReturnsTheNewestEntryOfTheJob()
    {
        await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0) with { RunId = 3 }, Ct);
        var newer = await Db.Queue.EnqueueAsync(Job("acme/app", "build", T0.AddSeconds(1)) with { RunId = 3 }, Ct);

        Assert.Equal(newer.Id, (await Db.Queue.FindAsync(3, "build", Ct))?.Id);
        Assert.Null(await Db.Queue.FindAsync(3, "deploy", Ct));
        Assert.Null(await Db.Queue.GetAsync(newer.Id + 100, Ct));
    }
}
