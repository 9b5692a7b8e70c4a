using Rampart.Core.Runs;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>Environments, deploy requests, the environment lock and approvals.</summary>
public abstract class DeploymentContract : StoreContract
{
    private const string CommitA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string CommitB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private async Task<long> RunAsync(Outcome status = Outcome.Running)
    {
        var run = await Db.Runs.CreateRunAsync(new RunRecord
        {
            Pipeline = "ci", Repository = "acme/app", Ref = "refs/heads/main", Commit = CommitA, Event = "push", Status = status, StartedAt = T0,
        }, Ct);
        return run.Id;
    }

    private Task<DeploymentRecord> RequestAsync(long runId, string commit = CommitA, string environment = "production", string job = "deploy", bool supersede = false) =>
        Db.Deployments.RequestAsync(new DeploymentRecord
        {
            RepositoryId = 7, Repository = "acme/app", Environment = environment, RunId = runId, Job = job, Commit = commit,
            Ref = "refs/heads/main", Actor = "alice", Author = "Alice <alice@example.com>", RequestedAt = T0.AddSeconds(runId),
        }, supersede, Ct);

    [Fact]
    public async Task SaveEnvironment_ReplacesEveryRule_AndListsByName()
    {
        var production = new EnvironmentRecord
        {
            RepositoryId = 7, Name = "production", Approvers = ["bob", "carol"], ApproverRole = Role.Deployer, RequiredApprovals = 2,
            PreventSelfApproval = true, WaitTimerSeconds = 600, Branches = ["main", "release/*"], SupersedeQueued = false,
            GitOps = new GitOpsTarget("/srv/gitops.git", "main", "apps/app", "manifests/*.yaml"), UpdatedAt = T0, UpdatedBy = "admin",
        };
        await Db.Deployments.SaveEnvironmentAsync(production, Ct);
        await Db.Deployments.SaveEnvironmentAsync(new EnvironmentRecord { RepositoryId = 7, Name = "staging", UpdatedAt = T0 }, Ct);
        var changed = production with { Approvers = [], ApproverRole = null, RequiredApprovals = 1, GitOps = null, Branches = ["main"], UpdatedAt = T0.AddHours(1) };
        await Db.Deployments.SaveEnvironmentAsync(changed, Ct);

        var stored = await Db.Deployments.GetEnvironmentAsync(7, "production", Ct);
        Assert.NotNull(stored);
        Assert.True(changed.SameSettings(stored));
        Assert.False(production.SameSettings(stored));
        Assert.Null(await Db.Deployments.GetEnvironmentAsync(8, "production", Ct));
        Assert.Equal(["production", "staging"], (await Db.Deployments.ListEnvironmentsAsync(7, Ct)).Select(e => e.Name));
        var roundTrip = await Db.Deployments.GetEnvironmentAsync(7, "staging", Ct);
        Assert.True(new EnvironmentRecord { RepositoryId = 7, Name = "staging", UpdatedAt = T0 }.SameSettings(roundTrip!));
    }

    [Fact]
    public async Task Request_IsIdempotentPerRunAndJob()
    {
        var run = await RunAsync();
        var first = await RequestAsync(run);
        var again = await RequestAsync(run);

        Assert.Equal(first, again);
        Assert.Equal(DeploymentState.Waiting, first.State);
        Assert.Equal("Alice <alice@example.com>", first.Author);
    }

    [Fact]
    public async Task TryStart_OnlyOneDeploymentHoldsAnEnvironment_OthersQueueInOrder()
    {
        var first = await RequestAsync(await RunAsync());
        var second = await RequestAsync(await RunAsync());
        var third = await RequestAsync(await RunAsync());
        var elsewhere = await RequestAsync(await RunAsync(), environment: "staging");

        var thirdEarly = await Db.Deployments.TryStartAsync(third.Id, T0, Ct);
        Assert.False(thirdEarly.Started);
        Assert.Equal(first.Id, thirdEarly.BlockedBy!.Id);
        Assert.True((await Db.Deployments.TryStartAsync(first.Id, T0, Ct)).Started);
        Assert.True((await Db.Deployments.TryStartAsync(first.Id, T0, Ct)).Started);
        Assert.True((await Db.Deployments.TryStartAsync(elsewhere.Id, T0, Ct)).Started);
        var secondBlocked = await Db.Deployments.TryStartAsync(second.Id, T0, Ct);
        Assert.False(secondBlocked.Started);
        Assert.Equal(first.Id, secondBlocked.BlockedBy!.Id);

        Assert.True(await Db.Deployments.FinishAsync(first.Id, DeploymentState.Succeeded, "deployed", T0.AddMinutes(1), Ct));
        Assert.False(await Db.Deployments.FinishAsync(first.Id, DeploymentState.Failed, "again", T0.AddMinutes(1), Ct));
        Assert.Equal(second.Id, (await Db.Deployments.TryStartAsync(third.Id, T0, Ct)).BlockedBy!.Id);
        var started = await Db.Deployments.TryStartAsync(second.Id, T0.AddMinutes(2), Ct);
        Assert.True(started.Started);
        Assert.Equal(DeploymentState.Deploying, started.Current.State);
        Assert.Equal(T0.AddMinutes(2), started.Current.StartedAt);
        var done = await Db.Deployments.GetDeploymentAsync(first.Id, Ct);
        Assert.Equal((DeploymentState.Succeeded, "deployed"), (done!.State, done.Detail));
    }

    [Fact]
    public async Task TryStart_ConcurrentRequests_GiveTheLockToExactlyOne()
    {
        var deployments = new List<DeploymentRecord>();
        for (var i = 0; i < 8; i++)
            deployments.Add(await RequestAsync(await RunAsync()));
        // Everyone but the first is queued behind it; finish nothing and race them all.
        var results = await Task.WhenAll(deployments.Select(d => Db.Deployments.TryStartAsync(d.Id, T0, Ct)));

        Assert.Equal([deployments[0].Id], results.Where(r => r.Started).Select(r => r.Current.Id));
        await Db.Deployments.FinishAsync(deployments[0].Id, DeploymentState.Failed, "boom", T0, Ct);
        var second = await Task.WhenAll(deployments.Skip(1).Select(d => Db.Deployments.TryStartAsync(d.Id, T0, Ct)));
        Assert.Equal([deployments[1].Id], second.Where(r => r.Started).Select(r => r.Current.Id));
    }

    [Fact]
    public async Task TryStart_IgnoresHoldersAndQueuedOnesWhoseRunFinished()
    {
        var deadRun = await RunAsync();
        var dead = await RequestAsync(deadRun);
        Assert.True((await Db.Deployments.TryStartAsync(dead.Id, T0, Ct)).Started);
        var stale = await RequestAsync(await RunAsync(Outcome.Cancelled));
        var next = await RequestAsync(await RunAsync());
        var details = await Db.Runs.GetRunAsync(deadRun, Ct);
        await Db.Runs.UpdateRunAsync(details!.Run with { Status = Outcome.Failed, FinishedAt = T0 }, Ct);

        Assert.True((await Db.Deployments.TryStartAsync(next.Id, T0, Ct)).Started);
        Assert.Equal(DeploymentState.Waiting, (await Db.Deployments.GetDeploymentAsync(stale.Id, Ct))!.State);
    }

    [Fact]
    public async Task Request_WithSupersede_EndsOlderWaitingOnesOfAnotherCommit_NotTheDeployingOne()
    {
        var deploying = await RequestAsync(await RunAsync());
        await Db.Deployments.TryStartAsync(deploying.Id, T0, Ct);
        var older = await RequestAsync(await RunAsync());
        var sameCommit = await RequestAsync(await RunAsync(), job: "deploy-2");
        var otherEnvironment = await RequestAsync(await RunAsync(), environment: "staging");
        var newerRun = await RunAsync();
        var newer = await RequestAsync(newerRun, commit: CommitB, supersede: true);

        var olderNow = await Db.Deployments.GetDeploymentAsync(older.Id, Ct);
        Assert.Equal(DeploymentState.Superseded, olderNow!.State);
        Assert.Equal($"superseded by run {newerRun} (commit bbbbbbbbbbbb)", olderNow.Detail);
        Assert.NotNull(olderNow.FinishedAt);
        Assert.Equal(DeploymentState.Superseded, (await Db.Deployments.GetDeploymentAsync(sameCommit.Id, Ct))!.State);
        Assert.Equal(DeploymentState.Deploying, (await Db.Deployments.GetDeploymentAsync(deploying.Id, Ct))!.State);
        Assert.Equal(DeploymentState.Waiting, (await Db.Deployments.GetDeploymentAsync(otherEnvironment.Id, Ct))!.State);
        Assert.False((await Db.Deployments.TryStartAsync(older.Id, T0, Ct)).Started);
        Assert.Null((await Db.Deployments.TryStartAsync(older.Id, T0, Ct)).BlockedBy);
        Assert.Equal(deploying.Id, (await Db.Deployments.TryStartAsync(newer.Id, T0, Ct)).BlockedBy!.Id);
    }

    [Fact]
    public async Task Request_WithSupersede_KeepsWaitingOnesOfTheSameCommit()
    {
        var older = await RequestAsync(await RunAsync());
        await RequestAsync(await RunAsync(), supersede: true);

        Assert.Equal(DeploymentState.Waiting, (await Db.Deployments.GetDeploymentAsync(older.Id, Ct))!.State);
    }

    [Fact]
    public async Task SetWaitingDetail_OnlyWhileWaiting_AndListFilters()
    {
        var run = await RunAsync();
        var waiting = await RequestAsync(run);
        var staging = await RequestAsync(run, environment: "staging", job: "deploy-staging");
        Assert.True(await Db.Deployments.SetWaitingDetailAsync(waiting.Id, "waiting for approval (0/2)", Ct));
        await Db.Deployments.FinishAsync(staging.Id, DeploymentState.Refused, "branch not allowed", T0, Ct);
        Assert.False(await Db.Deployments.SetWaitingDetailAsync(staging.Id, "waiting for timer", Ct));

        Assert.Equal("waiting for approval (0/2)", (await Db.Deployments.GetDeploymentAsync(waiting.Id, Ct))!.Detail);
        Assert.Equal([staging.Id, waiting.Id], (await Db.Deployments.ListDeploymentsAsync(7, null, null, 10, Ct)).Select(d => d.Id));
        Assert.Equal([waiting.Id], (await Db.Deployments.ListDeploymentsAsync(7, "production", run, 10, Ct)).Select(d => d.Id));
        Assert.Empty(await Db.Deployments.ListDeploymentsAsync(7, "production", run + 1, 10, Ct));
        Assert.Empty(await Db.Deployments.ListDeploymentsAsync(8, null, null, 10, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Db.Deployments.FinishAsync(waiting.Id, DeploymentState.Deploying, "x", T0, Ct));
    }

    [Fact]
    public async Task AddApproval_SamePersonDecidesOnce_PerRunAndEnvironment()
    {
        var run = await RunAsync();
        var bob = new ApprovalRecord { RunId = run, Environment = "production", User = "bob", Approved = true, Comment = "looks good", DecidedAt = T0 };

        Assert.True(await Db.Deployments.AddApprovalAsync(bob, Ct));
        Assert.False(await Db.Deployments.AddApprovalAsync(bob with { DecidedAt = T0.AddMinutes(1) }, Ct));
        Assert.False(await Db.Deployments.AddApprovalAsync(bob with { Approved = false, Comment = "changed my mind" }, Ct));
        Assert.True(await Db.Deployments.AddApprovalAsync(bob with { Environment = "staging" }, Ct));
        Assert.True(await Db.Deployments.AddApprovalAsync(bob with { User = "carol", Approved = false, Comment = null, DecidedAt = T0.AddMinutes(2) }, Ct));

        Assert.Equal(
            [bob, bob with { User = "carol", Approved = false, Comment = null, DecidedAt = T0.AddMinutes(2) }],
            await Db.Deployments.ListApprovalsAsync(run, "production", Ct));
    }
}
