using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.Deployments;

/// <summary>The wait timer holds a deploy, visibly, until it has run out.</summary>
public sealed class DeployTimerServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string Pipeline = """
        name: timer-demo
        jobs:
          build:
            steps:
              - name: render
                run: mkdir -p out; echo v1 > out/v.txt
            artifacts: [out/v.txt]
          deploy:
            needs: build
            environment: canary
            steps:
              - name: roll
                run: echo rolled
        """;

    [Fact]
    public async Task WaitTimer_HoldsTheDeploy_ShowsUntilWhen_ThenItRuns()
    {
        await using var service = await DeployService.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Harness.Root, "repo"), Pipeline);
        await service.Harness.RegisterRepositoryAsync("acme/timer", path);
        var (status, body) = await service.SendAsync("admin", HttpMethod.Put, "api/v1/repositories/acme/timer/environments/canary", new { waitTimerSeconds = 4 });
        Assert.True(status == 201, $"{status} {body}");
        Assert.Equal(0, body!["requiredApprovals"]!.GetValue<int>());
        await service.Harness.StartRunnerAsync("r1");

        var runId = await service.TriggerAsync("admin", "acme/timer");
        var waiting = await service.WaitForDeploymentAsync(runId, "canary",
            d => d["detail"]?.GetValue<string>()?.StartsWith("waiting for timer (until ", StringComparison.Ordinal) == true, Timeout);
        var details = await service.Harness.WaitForRunAsync(runId, Timeout);

        Assert.True(details["run"]!["status"]!.GetValue<string>() == "succeeded", details.ToJsonString());
        var done = await service.DeploymentAsync(runId, "canary");
        Assert.Equal("succeeded", done["state"]!.GetValue<string>());
        var requested = waiting["requestedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(done["startedAt"]!.GetValue<DateTimeOffset>() >= requested.AddSeconds(4), done.ToJsonString());
    }
}
