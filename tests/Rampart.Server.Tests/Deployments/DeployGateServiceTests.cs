using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.Deployments;

/// <summary>
/// Gated deploys end to end: a real server, real runner processes, the real sandbox, a real git
/// repository to deploy into. Each test tries to get a deploy (or its secret) past a rule.
/// </summary>
public sealed class DeployGateServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Secret = "tok-9f8e7d6c5b4a3921";

    private const string Pipeline = """
        name: deploy-demo
        jobs:
          build:
            steps:
              - name: render
                run: |
                  mkdir -p deploy
                  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n' > deploy/app.yaml
                  echo "build sees [${DEPLOY_TOKEN:-no token}]"
            artifacts: [deploy/app.yaml]
          deploy:
            needs: build
            environment: production
            permissions:
              secrets: [DEPLOY_TOKEN]
            steps:
              - name: ship
                run: test "$DEPLOY_TOKEN" = "tok-9f8e7d6c5b4a3921" && echo token-present-at-deploy
        """;

    [Fact]
    public async Task ApprovedDeploy_WaitsForASecondPerson_GetsItsSecretOnlyThen_IsReverified_AndCommitsSignedManifests()
    {
        await using var service = await DeployService.StartAsync();
        var (path, commit) = await TestRepository.CreateAsync(Path.Combine(service.Harness.Root, "repo"), Pipeline);
        await service.Harness.RegisterRepositoryAsync("acme/demo", path);
        service.SetEnvironmentSecret("DEPLOY_TOKEN", "production", Secret);
        await service.AddUserAsync("alice", "acme/demo", "deployer");
        await service.AddUserAsync("dave", "acme/demo", "developer");
        await service.AddUserAsync("vic", "acme/demo", "viewer");
        var gitops = Path.Combine(service.Harness.Root, "gitops.git");
        await TestRepository.GitAsync(service.Harness.Root, "init", "-q", "--bare", "-b", "main", gitops);
        var (status, body) = await service.SendAsync("admin", HttpMethod.Put, "api/v1/repositories/acme/demo/environments/production", new
        {
            approverRole = "deployer", requiredApprovals = 1, branches = new[] { "main" },
            gitOps = new { repository = gitops, branch = "main", directory = "apps/demo", artifacts = "deploy/*.yaml" },
        });
        Assert.True(status == 201, $"{status} {body}");
        var runner = await service.Harness.StartRunnerAsync("r1");

        // The admin starts the run, so the admin may not approve it.
        var runId = await service.TriggerAsync("admin", "acme/demo");
        var waiting = await service.WaitForDeploymentAsync(runId, "production", d => d["detail"]?.GetValue<string>() == "waiting for approval (0/1)", Timeout);
        Assert.Equal("waiting", waiting["state"]!.GetValue<string>());
        Assert.Equal("user/admin", waiting["actor"]!.GetValue<string>());
        Assert.DoesNotContain("job deploy of run", runner.Output, StringComparison.Ordinal);

        var self = await service.SendAsync("admin", HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve", new { comment = "mine" });
        Assert.Equal(403, self.Status);
        Assert.Contains($"self-approval refused: admin triggered run {runId}", self.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(403, (await service.SendAsync("vic", HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve")).Status);
        Assert.Equal(403, (await service.SendAsync("dave", HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve")).Status);
        await Task.Delay(500, Ct);
        Assert.Equal("waiting", (await service.DeploymentAsync(runId, "production"))["state"]!.GetValue<string>());
        Assert.DoesNotContain("job deploy of run", runner.Output, StringComparison.Ordinal);

        var approved = await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve", new { comment = "ship it" });
        Assert.True(approved.Status == 200, approved.Body?.ToJsonString());
        var twice = await service.SendAsync("alice", HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve");
        Assert.Equal(409, twice.Status);
        var details = await service.Harness.WaitForRunAsync(runId, Timeout);

        Assert.True(details["run"]!["status"]!.GetValue<string>() == "succeeded", details.ToJsonString() + service.Harness.Server.Output);
        Assert.Contains("build sees [no token]", await service.Harness.LogAsync(runId, "build", 0), StringComparison.Ordinal);
        Assert.Contains("token-present-at-deploy", await service.Harness.LogAsync(runId, "deploy", 0), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await service.Harness.LogAsync(runId, "deploy", 0), StringComparison.Ordinal);
        Assert.Contains("deploy 'deploy' to production: verified", await service.Harness.LogAsync(runId, "_run", 0), StringComparison.Ordinal);
        var done = await service.DeploymentAsync(runId, "production");
        Assert.Equal("succeeded", done["state"]!.GetValue<string>());
        Assert.Equal(["alice"], done["approvals"]!.AsArray().Select(a => a!["user"]!.GetValue<string>()));

        // The GitOps repository holds the verified manifest in a commit signed by the server's key.
        var digest = details["artifacts"]!.AsArray().First(a => a!["name"]!.GetValue<string>() == "deploy/app.yaml")!["digest"]!.GetValue<string>();
        var clone = Path.Combine(service.Harness.Root, "gitops-clone");
        await TestRepository.GitAsync(service.Harness.Root, "clone", "-q", "-b", "main", gitops, clone);
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n", await File.ReadAllTextAsync(Path.Combine(clone, "apps", "demo", "app.yaml"), Ct));
        var message = await TestRepository.GitAsync(clone, "log", "-1", "--format=%B");
        Assert.Contains($"Run: {runId}", message, StringComparison.Ordinal);
        Assert.Contains($"Commit: {commit}", message, StringComparison.Ordinal);
        Assert.Contains($"apps/demo/app.yaml {digest}", message, StringComparison.Ordinal);
        var signers = (await service.SendAsync("vic", HttpMethod.Get, "api/v1/gitops/signing-key")).Body!["allowedSigners"]!.GetValue<string>();
        var signersFile = Path.Combine(service.Harness.Root, "allowed_signers");
        await File.WriteAllTextAsync(signersFile, signers + "\n", Ct);
        await TestRepository.GitAsync(clone, "-c", "gpg.ssh.allowedSignersFile=" + signersFile, "verify-commit", "HEAD");
        // And an unrelated key does not verify it: the check can fail.
        await File.WriteAllTextAsync(signersFile, "someone namespaces=\"git\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGPLL7TQei1qI2PuGpvOJajRCqC9xqHIKxjTMLJfXKFA\n", Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestRepository.GitAsync(clone, "-c", "gpg.ssh.allowedSignersFile=" + signersFile, "verify-commit", "HEAD"));
    }
}
