using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Store.Sqlite.Tests;

public sealed class SqliteRunStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteRunStore _store;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public SqliteRunStoreTests() => _store = _db.Open();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task CreateRun_AssignsIncreasingIds()
    {
        var first = await _store.CreateRunAsync(Records.Run(), _ct);
        var second = await _store.CreateRunAsync(Records.Run(), _ct);

        Assert.True(first.Id > 0);
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public async Task GetRun_RoundTripsEveryField()
    {
        // Sub-millisecond ticks and a non-UTC offset: stored as UTC, read back as the same instant.
        var started = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);
        var run = await _store.CreateRunAsync(Records.Run() with { StartedAt = started }, _ct);
        var finished = run with { Status = Outcome.Failed, FinishedAt = started.AddMinutes(3), Error = "job 'build' failed" };
        await _store.UpdateRunAsync(finished, _ct);
        var job = new JobRecord
        {
            RunId = run.Id, Name = "deploy", Status = Outcome.TimedOut, StartedAt = started,
            FinishedAt = started.AddSeconds(1), Environment = "production", Error = "timed out after 30m",
        };
        var step = new StepRecord
        {
            RunId = run.Id, Job = "deploy", Index = 3, Name = "push image", Status = Outcome.Cancelled, ExitCode = -9,
            StartedAt = started, FinishedAt = started.AddTicks(1), LogPath = "logs/1/deploy/3.log",
        };
        var artifact = new ArtifactRecord(run.Id, "deploy", "out/app.tar.gz", Digest.Sha256("app"u8), 12345678901);
        Finding[] findings =
        [
            new("RAMPART-SECRET-001", Severity.Critical, "AWS key", new SourceLocation("src/a.cs", 10, 5, 12, 40), "fp-1") { Source = "secret-scan" },
            new("RAMPART-IAC-002", Severity.Info, "no location", null, "fp-2"),
        ];
        await _store.SaveJobAsync(job, _ct);
        await _store.SaveStepAsync(step, _ct);
        await _store.AddArtifactAsync(artifact, _ct);
        await _store.AddFindingsAsync(run.Id, findings, _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);

        Assert.NotNull(details);
        Assert.Equal(finished, details.Run);
        Assert.Equal(TimeSpan.Zero, details.Run.StartedAt.Offset);
        Assert.Equal(started.UtcTicks, details.Run.StartedAt.UtcTicks);
        Assert.Equal(job, Assert.Single(details.Jobs));
        Assert.Equal(step, Assert.Single(details.Steps));
        Assert.Equal(artifact, Assert.Single(details.Artifacts));
        Assert.Equal(findings, details.Findings);
    }

    [Fact]
    public async Task GetRun_KeepsNullsAndDefaults()
    {
        var run = await _store.CreateRunAsync(Records.Run(), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "build"), _ct);
        await _store.SaveStepAsync(Records.Step(run.Id, "build", 0), _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);

        Assert.NotNull(details);
        Assert.Null(details.Run.FinishedAt);
        Assert.Null(details.Run.Error);
        var job = Assert.Single(details.Jobs);
        Assert.Null(job.StartedAt);
        Assert.Null(job.Environment);
        var step = Assert.Single(details.Steps);
        Assert.Null(step.ExitCode);
        Assert.Null(step.LogPath);
        Assert.Empty(details.Artifacts);
        Assert.Empty(details.Findings);
    }

    [Fact]
    public async Task GetRun_ReturnsNull_ForUnknownId()
    {
        Assert.Null(await _store.GetRunAsync(42, _ct));
    }

    [Fact]
    public async Task UpdateRun_Throws_ForUnknownId()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.UpdateRunAsync(Records.Run() with { Id = 99 }, _ct));
    }

    [Fact]
    public async Task SaveJob_ReplacesTheRecordWithTheSameRunAndName()
    {
        var run = await _store.CreateRunAsync(Records.Run(), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "build", Records.T0), _ct);
        var done = Records.Job(run.Id, "build", Records.T0) with { Status = Outcome.Succeeded, FinishedAt = Records.T0.AddMinutes(1) };

        await _store.SaveJobAsync(done, _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);
        Assert.Equal(done, Assert.Single(details!.Jobs));
    }

    [Fact]
    public async Task SaveStep_ReplacesTheRecordWithTheSameRunJobAndIndex()
    {
        var run = await _store.CreateRunAsync(Records.Run(), _ct);
        await _store.SaveStepAsync(Records.Step(run.Id, "build", 0) with { Status = Outcome.Running }, _ct);
        var done = Records.Step(run.Id, "build", 0) with { ExitCode = 0, Name = "compile" };

        await _store.SaveStepAsync(done, _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);
        Assert.Equal(done, Assert.Single(details!.Steps));
    }

    [Fact]
    public async Task SaveJob_IsRefused_ForARunThatDoesNotExist()
    {
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => _store.SaveJobAsync(Records.Job(404, "orphan"), _ct));
    }

    [Fact]
    public async Task GetRun_OrdersJobsByStartThenName_AndStepsByJobThenIndex()
    {
        var run = await _store.CreateRunAsync(Records.Run(), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "not-started"), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "zeta", Records.T0), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "late", Records.T0.AddSeconds(5)), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "alpha", Records.T0), _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, "early", Records.T0.AddMinutes(-1)), _ct);
        foreach (var (job, index) in new[] { ("test", 1), ("build", 10), ("test", 0), ("build", 2), ("build", 0) })
            await _store.SaveStepAsync(Records.Step(run.Id, job, index), _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);

        Assert.Equal(["early", "alpha", "zeta", "late", "not-started"], details!.Jobs.Select(j => j.Name));
        Assert.Equal(
            ["build/0", "build/2", "build/10", "test/0", "test/1"],
            details.Steps.Select(s => $"{s.Job}/{s.Index}"));
    }

    [Fact]
    public async Task GetRun_ReturnsOnlyThatRunsChildren_FindingsInInsertionOrder()
    {
        var one = await _store.CreateRunAsync(Records.Run(), _ct);
        var two = await _store.CreateRunAsync(Records.Run(), _ct);
        await _store.AddFindingsAsync(one.Id, [new("R2", Severity.Low, "b", null, "2"), new("R1", Severity.High, "a", null, "1")], _ct);
        await _store.AddFindingsAsync(two.Id, [new("OTHER", Severity.Low, "x", null, "x")], _ct);
        await _store.AddArtifactAsync(new ArtifactRecord(two.Id, "build", "other", Digest.Sha256("x"u8), 1), _ct);

        var details = await _store.GetRunAsync(one.Id, _ct);

        Assert.Equal(["R2", "R1"], details!.Findings.Select(f => f.RuleId));
        Assert.Empty(details.Artifacts);
    }

    [Fact]
    public async Task ListRuns_ReturnsNewestFirst_UpToTheLimit()
    {
        for (var i = 0; i < 5; i++)
            await _store.CreateRunAsync(Records.Run($"p{i}"), _ct);

        var runs = await _store.ListRunsAsync(3, _ct);

        Assert.Equal(["p4", "p3", "p2"], runs.Select(r => r.Pipeline));
    }

    [Theory]
    [InlineData("'; DROP TABLE runs; --")]
    [InlineData("Robert'); DELETE FROM jobs WHERE ('1'='1")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("$id; @name :x ?1")]
    [InlineData("100% _like_ \\ escape\nnew line \u00e9\u4e2d\U0001F600")]
    public async Task InjectionLookingStrings_AreStoredVerbatim(string text)
    {
        var run = await _store.CreateRunAsync(Records.Run(text) with { Error = text, Ref = text }, _ct);
        await _store.SaveJobAsync(Records.Job(run.Id, text) with { Error = text }, _ct);
        await _store.SaveStepAsync(Records.Step(run.Id, text, 0) with { Name = text, LogPath = text }, _ct);
        await _store.AddArtifactAsync(new ArtifactRecord(run.Id, text, text, Digest.Sha256("a"u8), 1), _ct);
        await _store.AddFindingsAsync(run.Id, [new(text, Severity.Medium, text, new SourceLocation(text), text) { Source = text }], _ct);

        var details = await _store.GetRunAsync(run.Id, _ct);

        Assert.NotNull(details);
        Assert.Equal(text, details.Run.Pipeline);
        Assert.Equal(text, details.Run.Error);
        Assert.Equal(text, Assert.Single(details.Jobs).Name);
        Assert.Equal(text, Assert.Single(details.Steps).LogPath);
        Assert.Equal(text, Assert.Single(details.Artifacts).Name);
        var finding = Assert.Single(details.Findings);
        Assert.Equal(text, finding.Location!.Path);
        Assert.Equal(text, finding.Source);
        Assert.Equal(1L, _db.Scalar("SELECT COUNT(*) FROM runs"));
    }
}
