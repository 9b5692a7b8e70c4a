namespace Rampart.Server.Tests.Service;

/// <summary>Which runner takes which job, and which commits the server refuses to build at all.</summary>
public sealed class RoutingTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task JobsGoOnlyToRunnersWithTheirLabels_AndAnEphemeralRunnerExitsAfterOneJob()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), """
            name: labelled
            jobs:
              anywhere:
                runs-on: cpu
                steps:
                  - run: echo anywhere
              special:
                needs: anywhere
                runs-on: [gpu]
                steps:
                  - run: echo special
            """);
        await service.RegisterRepositoryAsync("acme/labels", path);
        var plain = await service.StartRunnerAsync("plain", "--label", "cpu");
        var gpu = await service.StartRunnerAsync("gpu", "--label", "gpu", "--ephemeral");

        var details = await service.WaitForRunAsync(await service.TriggerAsync("acme/labels"), RunTimeout);

        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("job special", plain.Output, StringComparison.Ordinal);
        Assert.Contains("job special", gpu.Output, StringComparison.Ordinal);
        await gpu.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(gpu.HasExited, "the ephemeral runner exits after its one job");
    }

    [Fact]
    public async Task ProtectedBranch_WithoutAnAllowedSigner_IsNotBuilt()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), "name: p\njobs:\n  a:\n    steps:\n      - run: echo should-not-run\n");
        await service.RegisterRepositoryAsync("acme/guarded", path, "main");
        var runner = await service.StartRunnerAsync("r1");

        var details = await service.WaitForRunAsync(await service.TriggerAsync("acme/guarded"), RunTimeout);

        Assert.Equal("failed", details["run"]!["status"]!.GetValue<string>());
        Assert.Contains("refs/heads/main is protected", details["run"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("job a of run", runner.Output, StringComparison.Ordinal);
    }
}
