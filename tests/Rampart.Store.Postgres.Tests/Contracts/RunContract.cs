using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>Runs and their details, triggers, the replicas' leases on runs, logs, and reopening.</summary>
public abstract class RunContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static RunRecord NewRun() => new()
    {
        Pipeline = "ci", Repository = "acme/app", Ref = "refs/heads/main",
        Commit = "0123456789abcdef0123456789abcdef01234567", Event = "push", Status = Outcome.Running, StartedAt = T0,
    };

    private async Task<long> RunWithTriggerAsync(Outcome status = Outcome.Running)
    {
        var run = await Db.Runs.CreateRunAsync(NewRun() with { Status = status }, Ct);
        await Db.Triggers.SaveTriggerAsync(new RunTrigger { RunId = run.Id, RepositoryId = 1, Commit = run.Commit, Ref = run.Ref, Event = "push", Trusted = true }, Ct);
        return run.Id;
    }

    [Fact]
    public async Task RunBrowser_FindsTheNewestRunWithAnOutcome_BehindManyOthers()
    {
        var good = await Db.Runs.CreateRunAsync(NewRun() with { Status = Outcome.Succeeded, Commit = new string('a', 40) }, Ct);
        var newer = await Db.Runs.CreateRunAsync(NewRun() with { Status = Outcome.Succeeded, Commit = new string('b', 40), Pipeline = "other" }, Ct);
        for (var i = 0; i < 250; i++)
            await Db.Runs.CreateRunAsync(NewRun() with { Status = i % 2 == 0 ? Outcome.Failed : Outcome.Running }, Ct);

        var browser = Assert.IsAssignableFrom<IRunBrowser>(Db.Runs);
        var found = await browser.ListRunsAsync(new RunQuery(2, Repository: "acme/app", Pipeline: "ci", Status: Outcome.Succeeded), Ct);
        var anyPipeline = await browser.ListRunsAsync(new RunQuery(5, Status: Outcome.Succeeded), Ct);

        Assert.Equal([good.Id], found.Select(r => r.Id));
        Assert.Equal([newer.Id, good.Id], anyPipeline.Select(r => r.Id));
    }

    [Fact]
    public async Task RunStore_RoundTripsARunWithItsDetails()
    {
        var run = await Db.Runs.CreateRunAsync(NewRun(), Ct);
        await Db.Runs.UpdateRunAsync(run with { Status = Outcome.Failed, FinishedAt = T0.AddMinutes(3), Error = "job 'build' failed" }, Ct);
        await Db.Runs.SaveJobAsync(new JobRecord { RunId = run.Id, Name = "test", Status = Outcome.Pending }, Ct);
        await Db.Runs.SaveJobAsync(new JobRecord { RunId = run.Id, Name = "build", Status = Outcome.Running, StartedAt = T0 }, Ct);
        await Db.Runs.SaveJobAsync(new JobRecord { RunId = run.Id, Name = "build", Status = Outcome.Failed, StartedAt = T0, Environment = "production", Error = "exit 1" }, Ct);
        await Db.Runs.SaveStepAsync(new StepRecord { RunId = run.Id, Job = "build", Index = 1, Name = "b", Status = Outcome.Failed, ExitCode = 1, LogPath = "logs/1.log" }, Ct);
        await Db.Runs.SaveStepAsync(new StepRecord { RunId = run.Id, Job = "build", Index = 0, Name = "a", Status = Outcome.Succeeded, ExitCode = 0 }, Ct);
        var artifact = new ArtifactRecord(run.Id, "build", "out/app.tar.gz", Digest.Sha256("app"u8), 12345678901);
        await Db.Runs.AddArtifactAsync(artifact, Ct);
        Finding[] findings =
        [
            new("RAMPART-SECRET-001", Severity.Critical, "AWS key", new SourceLocation("src/a.cs", 10, 5, 12, 40), "fp-1") { Source = "secret-scan" },
            new("RAMPART-IAC-002", Severity.Info, "no location", null, "fp-2"),
        ];
        await Db.Runs.AddFindingsAsync(run.Id, findings, Ct);
        var second = await Db.Runs.CreateRunAsync(NewRun(), Ct);

        var details = await Db.Runs.GetRunAsync(run.Id, Ct);

        Assert.NotNull(details);
        Assert.Equal(run with { Status = Outcome.Failed, FinishedAt = T0.AddMinutes(3), Error = "job 'build' failed" }, details.Run);
        Assert.Equal(["build", "test"], details.Jobs.Select(j => j.Name));
        Assert.Equal(new JobRecord { RunId = run.Id, Name = "build", Status = Outcome.Failed, StartedAt = T0, Environment = "production", Error = "exit 1" }, details.Jobs[0]);
        Assert.Equal([0, 1], details.Steps.Select(s => s.Index));
        Assert.Equal("logs/1.log", details.Steps[1].LogPath);
        Assert.Equal([artifact], details.Artifacts);
        Assert.Equal(findings, details.Findings);
        Assert.Equal([second.Id, run.Id], (await Db.Runs.ListRunsAsync(10, Ct)).Select(r => r.Id));
        Assert.Null(await Db.Runs.GetRunAsync(second.Id + 1, Ct));
    }

    [Fact]
    public async Task Trigger_RoundTrips_AndSavingAgainReplacesIt()
    {
        var run = await Db.Runs.CreateRunAsync(NewRun(), Ct);
        var trigger = new RunTrigger
        {
            RunId = run.Id, RepositoryId = 4, Commit = run.Commit, Ref = "refs/pull/7/head", Event = "pull_request",
            Trusted = false, Actor = "octo", DeliveryId = "d-7",
        };

        await Db.Triggers.SaveTriggerAsync(trigger with { Actor = null }, Ct);
        await Db.Triggers.SaveTriggerAsync(trigger, Ct);

        Assert.Equal(trigger, await Db.Triggers.GetTriggerAsync(run.Id, Ct));
        Assert.Null(await Db.Triggers.GetTriggerAsync(run.Id + 1, Ct));
    }

    [Fact]
    public async Task RunLease_IsTaken_RenewedByItsOwner_AndTakenOverOnlyAfterItLapsed()
    {
        var runId = await RunWithTriggerAsync();

        Assert.True(await Db.Triggers.TryLeaseRunAsync(runId, "replica-a", T0, Lease, Ct));
        Assert.False(await Db.Triggers.TryLeaseRunAsync(runId, "replica-b", T0.AddSeconds(10), Lease, Ct));
        Assert.True(await Db.Triggers.TryLeaseRunAsync(runId, "replica-a", T0.AddSeconds(20), Lease, Ct));
        Assert.False(await Db.Triggers.TryLeaseRunAsync(runId, "replica-b", T0.AddSeconds(40), Lease, Ct));
        Assert.True(await Db.Triggers.TryLeaseRunAsync(runId, "replica-b", T0.AddSeconds(50), Lease, Ct));
        Assert.False(await Db.Triggers.TryLeaseRunAsync(runId, "replica-a", T0.AddSeconds(51), Lease, Ct));
        Assert.False(await Db.Triggers.TryLeaseRunAsync(runId + 1, "replica-a", T0, Lease, Ct));
    }

    [Fact]
    public async Task OrphanRuns_AreUnfinishedRunsWithoutALiveLease_OldestFirst()
    {
        var unleased = await RunWithTriggerAsync(Outcome.Pending);
        var lapsed = await RunWithTriggerAsync();
        var live = await RunWithTriggerAsync();
        var released = await RunWithTriggerAsync();
        var finished = await RunWithTriggerAsync(Outcome.Succeeded);
        await Db.Triggers.TryLeaseRunAsync(lapsed, "replica-a", T0, Lease, Ct);
        await Db.Triggers.TryLeaseRunAsync(live, "replica-a", T0.AddMinutes(1), Lease, Ct);
        await Db.Triggers.TryLeaseRunAsync(released, "replica-a", T0, Lease, Ct);
        await Db.Triggers.ReleaseRunAsync(released, "replica-b", Ct);
        Assert.Contains(released, await Db.Triggers.ListOrphanRunsAsync(T0.AddMinutes(1), 10, Ct));
        await Db.Triggers.ReleaseRunAsync(released, "replica-a", Ct);

        var orphans = await Db.Triggers.ListOrphanRunsAsync(T0.AddMinutes(1), 10, Ct);

        Assert.Equal([unleased, lapsed], orphans);
        Assert.Equal([unleased], await Db.Triggers.ListOrphanRunsAsync(T0.AddMinutes(1), 1, Ct));
        Assert.DoesNotContain(finished, orphans);
    }

    [Fact]
    public async Task Log_ChunksKeepTheirOrder_PerStep()
    {
        Assert.Equal(1, await Db.Logs.AppendLogAsync(5, "build", 0, "one\n", Ct));
        Assert.Equal(2, await Db.Logs.AppendLogAsync(5, "build", 0, "two\n", Ct));
        Assert.Equal(1, await Db.Logs.AppendLogAsync(5, "build", 1, "other step\n", Ct));
        Assert.Equal(1, await Db.Logs.AppendLogAsync(5, "test", 0, "other job\n", Ct));
        Assert.Equal(3, await Db.Logs.AppendLogAsync(5, "build", 0, "three\n", Ct));

        var all = await Db.Logs.ReadLogAsync(5, "build", 0, 0, 100, Ct);
        var tail = await Db.Logs.ReadLogAsync(5, "build", 0, 1, 1, Ct);

        Assert.Equal(["one\n", "two\n", "three\n"], all.Select(c => c.Text));
        Assert.Equal([new LogChunk(5, "build", 0, 2, "two\n")], tail);
        Assert.Empty(await Db.Logs.ReadLogAsync(5, "build", 0, 3, 100, Ct));
    }

    [Fact]
    public async Task Reopening_KeepsTheData_AndDoesNotMigrateAgain()
    {
        var run = await Db.Runs.CreateRunAsync(NewRun(), Ct);
        await Db.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/app", CloneUrl = "/srv/git/app", CreatedAt = T0 }, Ct);

        var again = await Backend.OpenAsync(Ct);
        var third = await Backend.OpenAsync(Ct);

        Assert.Equal(run.Id, (await again.Runs.GetRunAsync(run.Id, Ct))?.Run.Id);
        Assert.NotNull(await third.Repositories.FindRepositoryAsync("acme/app", Ct));
        Assert.Equal(1, await Backend.ScalarAsync("SELECT COUNT(*) FROM schema_version", Ct));
        Assert.Equal(7, await Backend.ScalarAsync("SELECT MAX(version) FROM schema_version", Ct));
    }

    [Fact]
    public async Task ADatabaseOfANewerVersion_IsRefused_NotDowngraded()
    {
        await Db.Runs.ListRunsAsync(1, Ct);
        await Backend.ExecuteAsync("UPDATE schema_version SET version = 99", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            var newer = await Backend.OpenAsync(Ct);
            await newer.Repositories.ListRepositoriesAsync(Ct);
        });

        Assert.Contains("version 99 is newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(99, await Backend.ScalarAsync("SELECT MAX(version) FROM schema_version", Ct));
    }
}
