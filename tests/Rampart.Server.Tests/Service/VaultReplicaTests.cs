using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// Two server processes on one PostgreSQL, each with its own state folder (as on two hosts) and the
/// same master key: secrets set once with <c>rampart secrets set --database</c> from a third folder
/// reach a job on replica B's runner, and the webhook secret checks deliveries on both replicas.
/// </summary>
public sealed class VaultReplicaTests
{
    private const string WebhookSecret = "whsec-replicas-5e1b9c03d7";
    private const string DeployToken = "dtok-replicas-Qz81Lw4Kp";

    private const string Pipeline = """
        name: hooked
        jobs:
          build:
            permissions:
              secrets: [DEPLOY_TOKEN]
            steps:
              - name: use-token
                run: 'echo "token=[$DEPLOY_TOKEN]"; printf %s "$DEPLOY_TOKEN" | sha256sum'
        """;

    [Fact]
    public async Task SecretsSetOnceInPostgres_ReachAJobOnReplicaB_AndTheWebhookSecretWorksOnBothReplicas()
    {
        await using var throwaway = await ThrowawayDatabase.CreateAsync("vault_test_");
        var database = throwaway.Setting;
        var root = Directory.CreateTempSubdirectory("rampart-vault-replicas-").FullName;
        try
        {
            var homeA = Path.Combine(root, "home-a");
            await using var first = await ServiceHarness.StartAsync(root, "home-a", "database=" + database, "replica_id=a");
            var homeB = Directory.CreateDirectory(Path.Combine(root, "home-b"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
            File.Copy(Path.Combine(homeA, "ledger.key"), Path.Combine(homeB, "ledger.key"));
            await using var second = await ServiceHarness.RestartAsync(root, "home-b", first.AdminToken!, "database=" + database, "replica_id=b");

            // An operator on a third host: no server state folder, only the database and the master key.
            var operatorHome = Path.Combine(root, "operator");
            foreach (var (secret, value) in new[] { ("RAMPART_WEBHOOK_SECRET", WebhookSecret), ("DEPLOY_TOKEN", DeployToken) })
            {
                var set = await RampartChild.RunOnceAsync(ServiceHarness.Environment(root), value,
                    "--home", operatorHome, "secrets", "set", secret, "--repo", "acme/hooked", "--database", database);
                Assert.True(set.ExitCode == 0, set.Output);
            }

            var (path, commit) = await TestRepository.CreateAsync(Path.Combine(root, "repo"), Pipeline);
            await first.RegisterRepositoryAsync("acme/hooked", path);
            await second.StartRunnerAsync("b1");

            var push = Push(commit, "alice");
            // Another payload for A: the same one again would be refused as a replay, on any replica.
            var pushToA = Push(commit, "bob");
            using var toB = await DeliverAsync(second, push, Sign(push, WebhookSecret));
            using var toA = await DeliverAsync(first, pushToA, Sign(pushToA, WebhookSecret));
            using var forgedToA = await DeliverAsync(first, push, Sign(push, "not-the-webhook-secret"));
            using var forgedToB = await DeliverAsync(second, push, Sign(push, "not-the-webhook-secret"));
            Assert.Equal(HttpStatusCode.Accepted, toB.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, toA.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, forgedToA.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, forgedToB.StatusCode);

            var runId = (await toB.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["runs"]!.AsArray().Single()!.GetValue<long>();
            var details = await second.WaitForRunAsync(runId, TimeSpan.FromMinutes(2));
            Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
            var log = await second.LogAsync(runId, "build", 0);
            Assert.Contains("token=[***]", log, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DeployToken))), log, StringComparison.Ordinal);
            Assert.DoesNotContain(DeployToken, log, StringComparison.Ordinal);

            // Neither replica nor the operator keeps a vault folder: the sealed secrets are only in PostgreSQL.
            Assert.False(Directory.Exists(Path.Combine(homeA, "vault")));
            Assert.False(Directory.Exists(Path.Combine(homeB, "vault")));
            Assert.False(Directory.Exists(Path.Combine(operatorHome, "vault")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static byte[] Push(string commit, string pusher) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @ref = "refs/heads/main", before = new string('0', 40), after = commit, repository = new { full_name = "acme/hooked" }, pusher = new { name = pusher }, sender = new { login = pusher },
    });

    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<HttpResponseMessage> DeliverAsync(ServiceHarness service, byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "hooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var anonymous = new HttpClient { BaseAddress = service.Url };
        return await anonymous.SendAsync(request);
    }
}
