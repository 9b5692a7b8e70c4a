namespace Rampart.Cli.Tests;

/// <summary>A repository's Rego policy, as committed, gates its runs.</summary>
public sealed class PolicyGateRunTests : IDisposable
{
    private const string Pipeline = """
        name: policy-demo
        jobs:
          build:
            steps:
              - run: mkdir -p out && echo app > out/forbidden.bin
            artifacts: [out/forbidden.bin]
        """;

    private const string Policy = """
        package rampart.gate

        deny contains msg if {
            some a in input.artifacts
            endswith(a.name, ".bin")
            msg := sprintf("no raw binaries: %s", [a.name])
        }
        """;

    private readonly TestRepository _repo = new();
    private readonly string _home = Directory.CreateTempSubdirectory("rampart-home-").FullName;

    [Fact]
    public async Task CommittedRepositoryPolicy_FailsTheRun_WithItsReason()
    {
        _repo.WithPipeline(Pipeline).WithFile(".rampart/policy/gate.rego", Policy).Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gate failed: policy:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("no raw binaries: out/forbidden.bin", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UncommittedPolicy_DoesNotApply_ToACommittedBuild()
    {
        _repo.WithPipeline(Pipeline).Commit();
        _repo.WithFile(".rampart/policy/gate.rego", Policy);

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task BrokenPolicy_IsAUsageError_WithItsPosition()
    {
        _repo.WithPipeline(Pipeline).WithFile(".rampart/policy/gate.rego", "package rampart.gate\n\ndeny contains msg if {\n").Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"gate\.rego:\d+:\d+", run.Stderr);
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
