using Rampart.Core.Findings;
using Rampart.Engine.Pipeline;
using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineLoaderValidTests
{
    public const string FullExample = """
        name: hello-dotnet
        on:
          push: { branches: [main, "release/*"] }
          pull_request: { branches: [main] }
        env: { DOTNET_NOLOGO: "1", RETRIES: 3, VERBOSE: true }
        gate: { fail-on: medium }
        jobs:
          lint:
            steps:
              - run: dotnet format --verify-no-changes
          build:
            needs: [lint]
            timeout: 1h30m
            permissions:
              id-token: write
              secrets: [NUGET_TOKEN]
            network: [feed.example:443, "10.0.0.5:8080", "[::1]:5000"]
            environment: production
            limits: { memory: 2g, processes: 512, output: 512k }
            env: { CONFIGURATION: Release }
            artifacts: [ "bin/**/*.dll", "out/app.tar.gz" ]
            steps:
              - name: build
                run: dotnet build
                env: { X: "1" }
                timeout: 5m
              - run: |
                  dotnet test
                  echo done
        """;

    [Fact]
    public void Parse_FullExample_ProducesTheExpectedModel()
    {
        var p = Valid(FullExample);

        Assert.Equal("hello-dotnet", p.Name);
        Assert.Equal(DisplayPath, p.SourceFile);
        Assert.Equal(["main", "release/*"], p.Triggers.Push!.Branches);
        Assert.Equal(["main"], p.Triggers.PullRequest!.Branches);
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["RETRIES"] = "3", ["VERBOSE"] = "true" }, p.Env);
        Assert.Equal(Severity.Medium, p.Gate.FailOn);
        Assert.False(p.Gate.Disabled);
        Assert.Equal(["lint", "build"], p.Jobs.Select(j => j.Name));

        var lint = p.Jobs[0];
        Assert.Equal(JobDefinition.DefaultTimeout, lint.Timeout);
        Assert.Same(JobPermissions.None, lint.Permissions);
        Assert.Same(NetworkPolicy.None, lint.Network);
        Assert.Same(ResourceLimits.Default, lint.Limits);
        Assert.Empty(lint.Needs);
        Assert.Empty(lint.Artifacts);
        Assert.Null(lint.Environment);
        Assert.Equal(new SourceMark(8, 3), lint.Mark);
        var lintStep = Assert.Single(lint.Steps);
        Assert.Equal("step 1", lintStep.Name);
        Assert.Null(lintStep.Timeout);

        var build = p.Jobs[1];
        Assert.Equal(new SourceMark(11, 3), build.Mark);
        Assert.Equal(["lint"], build.Needs);
        Assert.Equal(TimeSpan.FromMinutes(90), build.Timeout);
        Assert.True(build.Permissions.IdToken);
        Assert.Equal(["NUGET_TOKEN"], build.Permissions.Secrets);
        Assert.Equal(NetworkMode.AllowList, build.Network.Mode);
        Assert.Equal([new HostPort("feed.example", 443), new HostPort("10.0.0.5", 8080), new HostPort("::1", 5000)], build.Network.Allow);
        Assert.Equal("production", build.Environment);
        Assert.Equal(new ResourceLimits(2L << 30, 512, 512L << 10), build.Limits);
        Assert.Equal(new Dictionary<string, string> { ["CONFIGURATION"] = "Release" }, build.Env);
        Assert.Equal(["bin/**/*.dll", "out/app.tar.gz"], build.Artifacts);
        Assert.Equal(2, build.Steps.Count);
        Assert.Equal("build", build.Steps[0].Name);
        Assert.Equal("dotnet build", build.Steps[0].Run);
        Assert.Equal(new Dictionary<string, string> { ["X"] = "1" }, build.Steps[0].Env);
        Assert.Equal(TimeSpan.FromMinutes(5), build.Steps[0].Timeout);
        Assert.Equal(new SourceMark(23, 9), build.Steps[0].Mark);
        Assert.Equal("step 2", build.Steps[1].Name);
        Assert.Equal("dotnet test\necho done", build.Steps[1].Run);
        Assert.Empty(build.Steps[1].Env);
    }

    [Fact]
    public void Parse_MinimalFile_GetsSafeDefaults()
    {
        var p = Valid("name: p\njobs:\n  a:\n    steps: [{run: make}]\n");

        Assert.Empty(p.Triggers.Push!.Branches);
        Assert.Null(p.Triggers.PullRequest);
        Assert.Empty(p.Env);
        Assert.Same(GateSettings.Default, p.Gate);
        Assert.Equal(Severity.High, p.Gate.FailOn);
        var job = Assert.Single(p.Jobs);
        Assert.False(job.Permissions.IdToken);
        Assert.Empty(job.Permissions.Secrets);
        Assert.Equal(NetworkMode.None, job.Network.Mode);
    }

    [Fact]
    public void Parse_AcceptsOnAsSingleEvent()
    {
        var p = Valid("name: p\non: pull_request\njobs:\n  a:\n    steps: [{run: make}]\n");

        Assert.Null(p.Triggers.Push);
        Assert.Empty(p.Triggers.PullRequest!.Branches);
    }

    [Fact]
    public void Parse_AcceptsOnAsListOfEvents()
    {
        var p = Valid("name: p\non: [push, pull_request]\njobs:\n  a:\n    steps: [{run: make}]\n");

        Assert.NotNull(p.Triggers.Push);
        Assert.NotNull(p.Triggers.PullRequest);
    }

    [Fact]
    public void Parse_AcceptsEventWithoutFilter_AndBranchesAsSingleString()
    {
        var p = Valid("name: p\non:\n  push:\n  pull_request: { branches: main }\njobs:\n  a:\n    steps: [{run: make}]\n");

        Assert.Empty(p.Triggers.Push!.Branches);
        Assert.Equal(["main"], p.Triggers.PullRequest!.Branches);
    }

    [Fact]
    public void Parse_AcceptsNeedsAsSingleString_AndNetworkAll()
    {
        var p = Valid("name: p\njobs:\n  a:\n    steps: [{run: x}]\n  b:\n    needs: a\n    network: all\n    steps: [{run: y}]\n");

        Assert.Equal(["a"], p.Jobs[1].Needs);
        Assert.Equal(NetworkMode.All, p.Jobs[1].Network.Mode);
    }

    [Fact]
    public void Parse_GateNever_DisablesTheGate()
    {
        var p = Valid("name: p\ngate: { fail-on: never }\njobs:\n  a:\n    steps: [{run: x}]\n");

        Assert.True(p.Gate.Disabled);
        Assert.False(p.Gate.Fails(Severity.Critical));
    }

    [Fact]
    public void Parse_IdTokenNone_GrantsNothing()
    {
        var p = Valid(WithJob("permissions: { id-token: none, secrets: [] }\nsteps: [{run: x}]"));

        Assert.False(p.Jobs[0].Permissions.IdToken);
    }
}
