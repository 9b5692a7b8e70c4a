using System.Globalization;
using System.Text.Json;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Server.Tests.Service;
using Rampart.Store.Sqlite.Service;

namespace Rampart.Server.Tests.Deployments;

/// <summary>Environment secrets reach a runner only for a deploy job its environment's rules admitted.</summary>
public sealed class DeploySecretServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string Secret = "prod-secret-77c1e0d4a9";

    private const string Pipeline = """
        name: secret-demo
        jobs:
          build:
            steps:
              - name: render
                run: mkdir -p out; echo v1 > out/v.txt
            artifacts: [out/v.txt]
          deploy:
            needs: build
            environment: production
            permissions:
              secrets: [DEPLOY_TOKEN]
            steps:
              - name: ship
                run: echo "deploy sees [${DEPLOY_TOKEN:-none}]"
        """;

    [Fact]
    public async Task DeployJobQueuedBehindTheGatesBack_WhileItWaitsForApproval_GetsNoSecret()
    {
        await using var service = await DeployService.StartAsync();
        var (path, commit) = await TestRepository.CreateAsync(Path.Combine(service.Harness.Root, "repo"), Pipeline);
        await service.Harness.RegisterRepositoryAsync("acme/secret", path);
        service.SetEnvironmentSecret("DEPLOY_TOKEN", "production", Secret);
        var (status, body) = await service.SendAsync("admin", HttpMethod.Put, "api/v1/repositories/acme/secret/environments/production", new { approvers = new[] { "admin" } });
        Assert.True(status == 201, $"{status} {body}");
        await service.Harness.StartRunnerAsync("r1");
        var runId = await service.TriggerAsync("admin", "acme/secret");
        var waiting = await service.WaitForDeploymentAsync(runId, "production", d => d["detail"]?.GetValue<string>() == "waiting for approval (0/1)", Timeout);
        Assert.Equal("waiting", waiting["state"]!.GetValue<string>());

        // Someone with database access queues the deploy job by hand, skipping the gate.
        await using var database = SqliteServiceDatabase.Open(Path.Combine(service.Harness.State, "service.db"));
        var payload = new JobPayload
        {
            RunId = runId, Job = "deploy", Repository = "acme/secret", CloneUrl = path, Commit = commit, Ref = "refs/heads/main", Branch = "main",
            Event = "manual", Trusted = true, PipelineText = Pipeline, PipelineDigest = Rampart.Core.Evidence.Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(Pipeline)).ToString(), Pipeline = "secret-demo",
        };
        var forged = await database.Queue.EnqueueAsync(new QueuedJob
        {
            RunId = runId, Job = "deploy", Repository = "acme/secret", Payload = JsonSerializer.Serialize(payload, ProtocolJson.Options),
            MaxAttempts = 1, EnqueuedAt = DateTimeOffset.UtcNow,
        }, TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow + Timeout;
        QueuedJob? entry;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            entry = await database.Queue.GetAsync(forged.Id, TestContext.Current.CancellationToken);
        }
        while (entry is { IsFinal: false } && DateTime.UtcNow < deadline);

        Assert.True(entry is { IsFinal: true }, $"the forged job never finished: {entry}\n{service.Harness.Server.Output}");
        Assert.Equal(QueueState.Failed, entry.State);
        Assert.Contains("DEPLOY_TOKEN", entry.Result, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, entry.Result, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy sees", await service.Harness.LogAsync(runId, "deploy", 0), StringComparison.Ordinal);
        Assert.Equal("waiting", (await service.DeploymentAsync(runId, "production"))["state"]!.GetValue<string>());

        // The CLI: the trigger cannot approve, may reject; the run then ends with the rejection.
        var cli = new Dictionary<string, string> { ["RAMPART_SERVER"] = service.Harness.Url.ToString(), ["RAMPART_TOKEN"] = service.Harness.AdminToken! };
        await using (var approve = RampartChild.Start(cli, "approve", runId.ToString(CultureInfo.InvariantCulture), "--environment", "production"))
        {
            Assert.Equal(2, await approve.WaitForExitAsync());
            Assert.Contains($"self-approval refused: admin triggered run {runId}", approve.Output, StringComparison.Ordinal);
        }

        await using (var list = RampartChild.Start(cli, "environment", "list", "acme/secret", "--format", "json"))
        {
            Assert.Equal(0, await list.WaitForExitAsync());
            Assert.Contains("\"name\": \"production\"", list.Output, StringComparison.Ordinal);
        }

        await using (var reject = RampartChild.Start(cli, "approve", runId.ToString(CultureInfo.InvariantCulture), "--environment", "production", "--reject", "--comment", "forged job seen"))
        {
            Assert.Equal(0, await reject.WaitForExitAsync());
            Assert.Contains($"rejected run {runId} for production", reject.Output, StringComparison.Ordinal);
        }

        var details = await service.Harness.WaitForRunAsync(runId, Timeout);
        Assert.Contains("deploy rejected by admin: forged job seen", details["run"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
