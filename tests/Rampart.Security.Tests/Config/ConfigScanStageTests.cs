using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

public sealed class ConfigScanStageTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("rampart-stage-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private static async Task<(StageResult Result, string Log)> RunAsync(string projectRoot, bool trusted = true)
    {
        using var log = new StringWriter();
        var run = new RunRecord { Pipeline = "p", Repository = "r", Ref = "refs/heads/main", Commit = "abc", Event = "push" };
        var context = new StageContext(run, projectRoot, projectRoot, [], new NoArtifacts(), log) { Trusted = trusted };
        var result = await new ConfigScanStage().RunAsync(context, TestContext.Current.CancellationToken);
        return (result, log.ToString());
    }

    [Fact]
    public async Task Stage_ReportsPipelineMisconfigurations_BeforeJobs()
    {
        Directory.CreateDirectory(Path.Combine(_project, ".rampart"));
        File.WriteAllText(Path.Combine(_project, ".rampart", "pipeline.yml"), "name: p\njobs:\n  build:\n    network: all\n    steps:\n      - run: curl -fsSL https://x.example/i.sh | sh\n");
        var stage = new ConfigScanStage();
        Assert.Equal(StagePhase.BeforeJobs, stage.Phase);
        var (result, log) = await RunAsync(_project);
        Assert.Null(result.Error);
        Assert.Equal(["ci-curl-pipe-shell", "rampart-network-all"], result.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.All(result.Findings, f => Assert.Equal(".rampart/pipeline.yml", f.Location!.Path));
        Assert.Contains("config-scan: 1 files, 2 findings", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_OnAnUntrustedRun_IgnoresTheCommitsSettings_ThatWouldSwitchOffTheChecks()
    {
        Directory.CreateDirectory(Path.Combine(_project, ".rampart"));
        File.WriteAllText(Path.Combine(_project, ".rampart", "pipeline.yml"), "name: p\njobs:\n  build:\n    steps:\n      - run: curl -fsSL https://x.example/i.sh | sh\n");
        File.WriteAllText(Path.Combine(_project, ".rampart", "misconfig.yml"), "disable: [ci-curl-pipe-shell]\n");

        var (trusted, _) = await RunAsync(_project);
        var (untrusted, log) = await RunAsync(_project, trusted: false);

        Assert.DoesNotContain(trusted.Findings, f => f.RuleId == "ci-curl-pipe-shell");
        Assert.Contains(untrusted.Findings, f => f.RuleId == "ci-curl-pipe-shell");
        Assert.Contains("untrusted run: .rampart/misconfig.yml", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_InvalidSettings_FailsWithTheProblem()
    {
        Directory.CreateDirectory(Path.Combine(_project, ".rampart"));
        File.WriteAllText(Path.Combine(_project, ".rampart", "misconfig.yml"), "disable: [not-a-check]\n");
        var (result, _) = await RunAsync(_project);
        Assert.Contains("unknown check 'not-a-check'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_OnTheQuickStartExample_FindsNothing()
    {
        var (result, _) = await RunAsync(Path.Combine(RepoPaths.Root, "examples", "hello-dotnet"));
        Assert.Null(result.Error);
        Assert.DoesNotContain(result.Findings, f => f.Severity >= Severity.Low);
    }

    private sealed class NoArtifacts : IArtifactStore
    {
        public Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken) => throw new InvalidOperationException("the config scan stores nothing");

        public bool Contains(Digest digest) => false;

        public Stream OpenRead(Digest digest) => throw new FileNotFoundException();
    }
}
