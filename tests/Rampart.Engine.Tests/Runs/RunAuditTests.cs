using Rampart.Core.Audit;

namespace Rampart.Engine.Tests.Runs;

/// <summary>Invariant I5 from the engine's side: every security-relevant step of a run reaches the audit trail.</summary>
public sealed class RunAuditTests : IDisposable
{
    private readonly TestRepository _repo = new();
    private readonly RunHarness _harness = new();

    [Fact]
    public async Task Run_RecordsStartJobsStepsSecretsGateAndFinish_InOrder()
    {
        const string secret = "audit-must-never-hold-this";
        _harness.Secrets["TOKEN"] = secret;
        var commit = _repo.WithPipeline("""
            name: audited
            jobs:
              build: { permissions: { secrets: [TOKEN] }, steps: [ { name: compile, run: "true" }, { name: test, run: "exit 2" } ] }
              after: { needs: [build], steps: [ { run: "true" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        var events = _harness.Audit.Events.ToList();
        Assert.Equal(
            [AuditKinds.RunStarted, AuditKinds.SecretIssued, AuditKinds.StepFinished, AuditKinds.SecretIssued, AuditKinds.StepFinished, AuditKinds.JobFinished, AuditKinds.JobFinished, AuditKinds.RunFinished],
            events.Select(e => e.Kind).ToList());
        var started = events[0];
        Assert.Equal($"run/{details.Run.Id}", started.Subject);
        Assert.Equal(commit, started.Details["commit"]);
        Assert.StartsWith("sha256:", started.Details["pipeline_digest"], StringComparison.Ordinal);
        Assert.Equal("TOKEN", events[1].Details["name"]);
        Assert.Equal("compile", events[1].Details["step"]);
        Assert.Equal("test", events[3].Details["step"]);
        Assert.Equal("failed", events[4].Details["outcome"]);
        Assert.Equal("2", events[4].Details["exit_code"]);
        Assert.Equal("skipped", events[6].Details["outcome"]);
        Assert.Equal("failed", events[^1].Details["outcome"]);
        Assert.DoesNotContain(events, e => e.Details.Values.Any(v => v.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GateDecision_IsRecordedWithItsReasons()
    {
        _repo.WithPipeline("name: gated\njobs:\n  build: { steps: [ { run: \"true\" } ] }\n").Commit();
        _harness.Stages.Add(new FixedStage(Core.Stages.StagePhase.AfterJobs,
            [new Core.Findings.Finding("r1", Core.Findings.Severity.Critical, "bad", null, "fp")]));

        await _harness.RunAsync(_repo);

        var gate = Assert.Single(_harness.Audit.Events, e => e.Kind == AuditKinds.GateDecided);
        Assert.Equal("fail", gate.Details["decision"]);
        Assert.Equal("high", gate.Details["threshold"]);
        Assert.Contains("1 critical", gate.Details["reasons"], StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _repo.Dispose();
    }
}
