using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Stages;

namespace Rampart.Engine.Tests.Runs;

public sealed class PipelineRunnerTests : IDisposable
{
    private readonly TestRepository _repo = new();
    private readonly RunHarness _harness = new();

    [Fact]
    public async Task Jobs_RunInDependencyOrder()
    {
        _repo.WithPipeline("""
            name: order
            jobs:
              c: { needs: [b], steps: [ { run: "true" } ] }
              b: { needs: [a], steps: [ { run: "true" } ] }
              a: { steps: [ { run: "true" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        var finished = _harness.Observer.Events.Where(e => e.StartsWith("job finished", StringComparison.Ordinal)).ToList();
        Assert.Equal(["job finished a Succeeded", "job finished b Succeeded", "job finished c Succeeded"], finished);
        var jobs = details.Jobs.ToDictionary(j => j.Name);
        Assert.True(jobs["b"].StartedAt >= jobs["a"].FinishedAt);
        Assert.True(jobs["c"].StartedAt >= jobs["b"].FinishedAt);
    }

    [Fact]
    public async Task IndependentJobs_RunAtTheSameTime()
    {
        // Each job waits until it sees the other one's marker in a shared place only the test provides:
        // the run can only finish if both jobs run at once.
        _repo.WithPipeline("""
            name: parallel
            jobs:
              left: { timeout: 30s, steps: [ { run: "sleep 2" } ] }
              right: { timeout: 30s, steps: [ { run: "sleep 2" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo, parallel: 2);

        var left = details.Jobs.Single(j => j.Name == "left");
        var right = details.Jobs.Single(j => j.Name == "right");
        Assert.True(left.StartedAt < right.FinishedAt && right.StartedAt < left.FinishedAt, "the two jobs' run times should overlap");
    }

    [Fact]
    public async Task FailedJob_SkipsItsDependants_ButNotIndependentJobs()
    {
        _repo.WithPipeline("""
            name: failing
            jobs:
              build: { steps: [ { name: compile, run: "echo broken; exit 7" }, { name: never, run: "echo unreachable" } ] }
              test: { needs: [build], steps: [ { run: "true" } ] }
              deploy: { needs: [test], steps: [ { run: "true" } ] }
              lint: { steps: [ { run: "true" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        Assert.Contains("build", details.Run.Error, StringComparison.Ordinal);
        var jobs = details.Jobs.ToDictionary(j => j.Name, j => j.Status);
        Assert.Equal(Outcome.Failed, jobs["build"]);
        Assert.Equal(Outcome.Skipped, jobs["test"]);
        Assert.Equal(Outcome.Skipped, jobs["deploy"]);
        Assert.Equal(Outcome.Succeeded, jobs["lint"]);
        var steps = details.Steps.Where(s => s.Job == "build").ToList();
        Assert.Equal(7, steps[0].ExitCode);
        Assert.Equal(Outcome.Skipped, steps[1].Status);
    }

    [Fact]
    public async Task SecretOutput_IsMaskedInEveryEncoding_InLogsAndDatabase()
    {
        const string secret = "s3cr3t-Value/with+chars=\"q\"";
        _harness.Secrets["DEPLOY_TOKEN"] = secret;
        _repo.WithPipeline("""
            name: masking
            jobs:
              leak:
                permissions: { secrets: [DEPLOY_TOKEN] }
                steps:
                  - name: try to leak
                    run: |
                      echo "plain: $DEPLOY_TOKEN"
                      echo "base64: $(printf %s "$DEPLOY_TOKEN" | base64 -w0)"
                      echo "prefixed base64: $(printf 'user:%s' "$DEPLOY_TOKEN" | base64 -w0)"
                      echo "hex: $(printf %s "$DEPLOY_TOKEN" | od -An -tx1 | tr -d ' \n')"
                      echo "url: $(python3 -c 'import os,urllib.parse;print(urllib.parse.quote(os.environ["DEPLOY_TOKEN"], safe=""))')"
                      echo "json: $(python3 -c 'import os,json;print(json.dumps(os.environ["DEPLOY_TOKEN"]))')"
                      printf '%s' "${DEPLOY_TOKEN:0:10}"; sleep 0.2; printf '%s\n' "${DEPLOY_TOKEN:10}"
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        var log = _harness.ReadLog(details.Steps.Single());
        Assert.Contains("plain: ***", log, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(secret);
        foreach (var form in new[]
        {
            secret, Convert.ToBase64String(bytes), Convert.ToHexStringLower(bytes), Uri.EscapeDataString(secret),
            System.Text.Json.JsonSerializer.Serialize(secret).Trim('"'),
        })
        {
            Assert.DoesNotContain(form, log, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Convert.ToBase64String(bytes)[..12], log, StringComparison.Ordinal);
        var database = await File.ReadAllBytesAsync(Path.Combine(_harness.State, "rampart.db"), TestContext.Current.CancellationToken);
        Assert.Equal(-1, database.AsSpan().IndexOf(bytes));
        Assert.DoesNotContain(_harness.Observer.Events, e => e.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_ReachOnlyJobsThatDeclareThem()
    {
        _harness.Secrets["API_KEY"] = "key-only-for-the-declaring-job";
        _repo.WithPipeline("""
            name: scoping
            jobs:
              declares: { permissions: { secrets: [API_KEY] }, steps: [ { run: "test -n \"$API_KEY\"" } ] }
              silent: { steps: [ { run: "env; test -z \"${API_KEY:-}\"" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.All(details.Jobs, j => Assert.Equal(Outcome.Succeeded, j.Status));
    }

    [Fact]
    public async Task UntrustedRun_GetsNoSecrets()
    {
        _harness.Secrets["API_KEY"] = "never-for-forks";
        _repo.WithPipeline("""
            name: fork
            jobs:
              build: { permissions: { secrets: [API_KEY] }, steps: [ { run: "test -z \"${API_KEY:-}\" && test \"$RAMPART_TRUSTED\" = false" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo, trusted: false);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        Assert.Contains(_harness.Observer.Events, e => e.Contains("secrets withheld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingSecret_FailsTheJobWithItsName()
    {
        _repo.WithPipeline("""
            name: missing
            jobs:
              build: { permissions: { secrets: [NOT_DEFINED] }, steps: [ { run: "true" } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        Assert.Contains("NOT_DEFINED", details.Jobs.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifacts_AreStoredByDigest()
    {
        _repo.WithPipeline("""
            name: artifacts
            jobs:
              build:
                steps: [ { run: "mkdir -p out && printf 'release-bits' > out/app.bin" } ]
                artifacts: [ "out/*.bin" ]
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        var artifact = Assert.Single(details.Artifacts);
        Assert.Equal("out/app.bin", artifact.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("release-bits"u8)), artifact.Digest.Hex);
        Assert.True(_harness.Artifacts.Contains(artifact.Digest));
    }

    [Fact]
    public async Task ArtifactSymlinkOutOfTheWorkspace_FailsTheJobNamingThePath()
    {
        _repo.WithPipeline("""
            name: escape
            jobs:
              build:
                steps: [ { run: "mkdir -p out && ln -s /etc/passwd out/passwd" } ]
                artifacts: [ "out/passwd" ]
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        Assert.Contains("out/passwd", details.Jobs.Single().Error, StringComparison.Ordinal);
        Assert.Empty(details.Artifacts);
    }

    [Fact]
    public async Task JobDirectories_AreDeletedAfterTheRun()
    {
        _repo.WithPipeline("""
            name: cleanup
            jobs:
              a: { steps: [ { run: "echo x > left-behind.txt" } ] }
              b: { steps: [ { run: "exit 1" } ] }
            """).Commit();

        await _harness.RunAsync(_repo);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.JobsBase));
    }

    [Fact]
    public async Task Checkout_IsTheCommittedTree_NotTheDirtyWorkingTree()
    {
        _repo.WithFile("version.txt", "committed").WithPipeline("""
            name: clean
            jobs:
              check: { steps: [ { run: "test \"$(cat version.txt)\" = committed && test ! -e untracked.txt && test \"$(git rev-parse HEAD)\" = \"$RAMPART_SHA\"" } ] }
            """).Commit();
        _repo.WithFile("version.txt", "dirty").WithFile("untracked.txt", "x");

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
    }

    [Fact]
    public async Task HostileBranchName_ReachesStepsAsData_NeverAsCode()
    {
        _repo.WithPipeline("""
            name: injection
            jobs:
              show: { steps: [ { run: "echo \"branch=$RAMPART_BRANCH\"" } ] }
            """).Commit();
        _repo.Git("checkout", "--quiet", "-b", "x$(touch${IFS}/workspace/pwned)`touch${IFS}/workspace/pwned2`");

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        var log = _harness.ReadLog(details.Steps.Single());
        Assert.Contains("branch=x$(touch${IFS}/workspace/pwned)", log, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.JobsBase));
    }

    [Fact]
    public async Task StepTimeout_KillsTheStepAndFailsTheJob()
    {
        _repo.WithPipeline("""
            name: slow
            jobs:
              hang: { steps: [ { run: "sleep 60", timeout: 1s } ] }
            """).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.TimedOut, details.Steps.Single().Status);
        Assert.Equal(Outcome.Failed, details.Jobs.Single().Status);
        Assert.Contains("time limit", _harness.ReadLog(details.Steps.Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_FailsTheRun_WhenAStageFindingReachesTheThreshold()
    {
        _repo.WithPipeline("""
            name: gated
            jobs:
              build: { steps: [ { run: "true" } ] }
            """).Commit();
        _harness.Stages.Add(new FixedStage(StagePhase.BeforeJobs, [new Finding("demo-rule", Severity.High, "bad thing", new SourceLocation("a.txt", 3), "fp1")]));

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        Assert.StartsWith("gate failed", details.Run.Error, StringComparison.Ordinal);
        var finding = Assert.Single(details.Findings);
        Assert.Equal("fixed", finding.Source);
    }

    [Fact]
    public async Task Gate_Passes_WhenFindingsStayBelowTheConfiguredThreshold()
    {
        _repo.WithPipeline("""
            name: gated
            gate: { fail-on: critical }
            jobs:
              build: { steps: [ { run: "true" } ] }
            """).Commit();
        var stage = new FixedStage(StagePhase.AfterJobs, [new Finding("demo-rule", Severity.High, "tolerated", null, "fp2")]);
        _harness.Stages.Add(stage);

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        Assert.Single(details.Findings);
        Assert.True(stage.SawCheckout);
        Assert.False(Directory.Exists(stage.Seen!.SourceRoot), "the stages' checkout is deleted after the run");
    }

    [Fact]
    public async Task StageError_FailsTheRun_BeforeAnyJob()
    {
        _repo.WithPipeline("""
            name: broken-stage
            jobs:
              build: { steps: [ { run: "true" } ] }
            """).Commit();
        _harness.Stages.Add(new FixedStage(StagePhase.BeforeJobs, [], "scanner crashed"));

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        Assert.Equal("scanner crashed", details.Run.Error);
        Assert.Empty(details.Steps);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _repo.Dispose();
    }
}
