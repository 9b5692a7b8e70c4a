using System.Text.Json.Nodes;
using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.Deployments;

/// <summary>One deployment per environment at a time, in order; supersede, rejection and branch rules end a deploy with a clear state.</summary>
public sealed class DeployQueueServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Pipeline = """
        name: queue-demo
        jobs:
          build:
            steps:
              - name: render
                run: mkdir -p out && git log -1 --format=%H > out/version.txt || echo local > out/version.txt
            artifacts: [out/version.txt]
          deploy:
            needs: build
            environment: staging
            steps:
              - name: roll
                run: echo rolling; sleep 2; echo rolled
        """;

    [Fact]
    public async Task TwoApprovedRuns_DeployOneAfterTheOther_InOrder_ThenSupersedeRejectAndBranchRulesEndDeploysClearly()
    {
        await using var service = await DeployService.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Harness.Root, "repo"), Pipeline);
        await service.Harness.RegisterRepositoryAsync("acme/queue", path);
        await service.AddUserAsync("alice", "acme/queue", "deployer");
        var (status, body) = await service.SendAsync("admin", HttpMethod.Put, "api/v1/repositories/acme/queue/environments/staging", new
        {
            approvers = new[] { "alice" }, requiredApprovals = 1, branches = new[] { "main", "release/*" },
        });
        Assert.True(status == 201, $"{status} {body}");
        await service.Harness.StartRunnerAsync("r1");
        await service.Harness.StartRunnerAsync("r2");

        // Two runs of one commit: both wait; the younger one approved first still waits for the older one.
        var first = await service.TriggerAsync("admin", "acme/queue");
        await service.WaitForDeploymentAsync(first, "staging", Waiting("waiting for approval (0/1)"), Timeout);
        var second = await service.TriggerAsync("admin", "acme/queue");
        await service.WaitForDeploymentAsync(second, "staging", Waiting("waiting for approval (0/1)"), Timeout);
        await ApproveAsync(service, second);
        await service.WaitForDeploymentAsync(second, "staging", Waiting($"queued behind run {first}"), Timeout);
        await ApproveAsync(service, first);
        var firstRun = await service.Harness.WaitForRunAsync(first, Timeout);
        var secondRun = await service.Harness.WaitForRunAsync(second, Timeout);

        Assert.True(firstRun["run"]!["status"]!.GetValue<string>() == "succeeded", firstRun.ToJsonString());
        Assert.True(secondRun["run"]!["status"]!.GetValue<string>() == "succeeded", secondRun.ToJsonString());
        var a = await service.DeploymentAsync(first, "staging");
        var b = await service.DeploymentAsync(second, "staging");
        Assert.Equal(("succeeded", "succeeded"), (a["state"]!.GetValue<string>(), b["state"]!.GetValue<string>()));
        Assert.True(b["startedAt"]!.GetValue<DateTimeOffset>() >= a["finishedAt"]!.GetValue<DateTimeOffset>(),
            $"the deploys overlapped: {a.ToJsonString()} {b.ToJsonString()}");

        // A newer commit's request supersedes the older one still waiting.
        var older = await CommitAndTriggerAsync(service, path, "two");
        await service.WaitForDeploymentAsync(older, "staging", Waiting("waiting for approval (0/1)"), Timeout);
        var newer = await CommitAndTriggerAsync(service, path, "three");
        var newerCommit = (await service.Harness.RunAsync(newer))["run"]!["commit"]!.GetValue<string>();
        var superseded = await service.WaitForDeploymentAsync(older, "staging", d => d["state"]!.GetValue<string>() == "superseded", Timeout);
        Assert.Equal($"superseded by run {newer} (commit {newerCommit[..12]})", superseded["detail"]!.GetValue<string>());
        var olderRun = await service.Harness.WaitForRunAsync(older, Timeout);
        Assert.Equal("failed", olderRun["run"]!["status"]!.GetValue<string>());
        Assert.Contains($"deploy superseded by run {newer}", olderRun["run"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var late = await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{older}/environments/staging/approve");
        Assert.Equal(409, late.Status);

        // A rejection ends the deploy with who and why.
        await service.WaitForDeploymentAsync(newer, "staging", Waiting("waiting for approval (0/1)"), Timeout);
        var rejected = await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{newer}/environments/staging/reject", new { comment = "not during the freeze" });
        Assert.True(rejected.Status == 200, rejected.Body?.ToJsonString());
        var newerRun = await service.Harness.WaitForRunAsync(newer, Timeout);
        Assert.Equal("failed", newerRun["run"]!["status"]!.GetValue<string>());
        Assert.Contains("deploy rejected by alice: not during the freeze", newerRun["run"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("rejected", (await service.DeploymentAsync(newer, "staging"))["state"]!.GetValue<string>());

        // A branch outside the allowed globs is refused at once, before anyone could approve.
        await TestRepository.GitAsync(path, "branch", "feature/x");
        var feature = await service.TriggerAsync("admin", "acme/queue", "refs/heads/feature/x");
        var featureRun = await service.Harness.WaitForRunAsync(feature, Timeout);
        Assert.Equal("failed", featureRun["run"]!["status"]!.GetValue<string>());
        var refused = await service.DeploymentAsync(feature, "staging");
        Assert.Equal("refused", refused["state"]!.GetValue<string>());
        Assert.Equal("deploy refused: branch 'feature/x' is not allowed to deploy to staging (allowed: main, release/*)", refused["detail"]!.GetValue<string>());
        Assert.Equal(409, (await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{feature}/environments/staging/approve")).Status);
    }

    private static Func<JsonObject, bool> Waiting(string detail) =>
        d => d["state"]!.GetValue<string>() == "waiting" && d["detail"]?.GetValue<string>() == detail;

    private static async Task ApproveAsync(DeployService service, long runId)
    {
        var (status, body) = await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{runId}/environments/staging/approve");
        Assert.True(status == 200, $"approve run {runId}: {status} {body}");
    }

    private static async Task<long> CommitAndTriggerAsync(DeployService service, string path, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(path, "VERSION"), content, Ct);
        await TestRepository.GitAsync(path, "add", "-A");
        await TestRepository.GitAsync(path, "-c", "user.email=dev@rampart.example", "-c", "user.name=dev", "commit", "-q", "-m", content);
        return await service.TriggerAsync("admin", "acme/queue");
    }
}
