namespace Rampart.Server.Tests.Service;

/// <summary>The service end to end: a real server process, real runner processes, the real sandbox.</summary>
public sealed class ServiceRunTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private const string Pipeline = """
        name: service-demo
        jobs:
          build:
            steps:
              - name: compile
                run: echo compiled-on-runner; mkdir -p out; echo payload > out/app.txt
            artifacts: [out/app.txt]
          test:
            needs: build
            steps:
              - name: check
                run: echo tests-passed
        """;

    [Fact]
    public async Task ManualRun_RunsOnASeparateRunnerProcess_AndTheServerSignsWhatItReceived()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, commit) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), Pipeline);
        await service.RegisterRepositoryAsync("acme/demo", path);
        var runner = await service.StartRunnerAsync("r1");

        var runId = await service.TriggerAsync("acme/demo");
        var details = await service.WaitForRunAsync(runId, RunTimeout);

        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.Equal(commit, details["run"]!["commit"]!.GetValue<string>());
        Assert.Equal("succeeded", ServiceHarness.Status(details, "build"));
        Assert.Equal("succeeded", ServiceHarness.Status(details, "test"));
        Assert.Contains("compiled-on-runner", await service.LogAsync(runId, "build", 0), StringComparison.Ordinal);
        Assert.Contains("job build of run", runner.Output, StringComparison.Ordinal);
        var artifact = details["artifacts"]!.AsArray().First(a => a!["name"]!.GetValue<string>() == "out/app.txt");
        Assert.StartsWith("sha256:", artifact!["digest"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("provenance written", await service.LogAsync(runId, "_run", 0), StringComparison.Ordinal);
        // Runners never hold signing keys: the key stays in the server's state folder.
        Assert.True(File.Exists(Path.Combine(service.State, "keys", "signing.key")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(service.Root, "runner-r1"), "*.key", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task RunnerKilledMidJob_TheJobIsRetriedOnAnotherRunner_AndTheRunFinishes()
    {
        await using var service = await ServiceHarness.StartAsync("max_attempts=2");
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), """
            name: slow
            jobs:
              slow:
                steps:
                  - name: wait
                    run: echo started; sleep 4; echo finished
            """);
        await service.RegisterRepositoryAsync("acme/slow", path);
        var doomed = await service.StartRunnerAsync("doomed");
        var runId = await service.TriggerAsync("acme/slow");
        await doomed.WaitForLineAsync("job slow: started", RunTimeout);

        doomed.Kill();
        var rescuer = await service.StartRunnerAsync("rescuer");
        var details = await service.WaitForRunAsync(runId, RunTimeout);

        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.Contains("attempt 2", rescuer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerKilledMidJob_WithNoAttemptLeft_TheJobFailsWithTheReason_NeverStuck()
    {
        await using var service = await ServiceHarness.StartAsync("max_attempts=1");
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), """
            name: slow
            jobs:
              slow:
                steps:
                  - name: wait
                    run: sleep 30
            """);
        await service.RegisterRepositoryAsync("acme/slow", path);
        var doomed = await service.StartRunnerAsync("doomed");
        var runId = await service.TriggerAsync("acme/slow");
        await doomed.WaitForLineAsync("job slow: started", RunTimeout);

        doomed.Kill();
        var details = await service.WaitForRunAsync(runId, RunTimeout);

        Assert.Equal("failed", details["run"]!["status"]!.GetValue<string>());
        Assert.Contains("stopped renewing its lease", details["run"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
