using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Server.Tests.Service;

/// <summary>Webhooks into a real server, jobs on a real runner: what a git host's delivery leads to.</summary>
public sealed class WebhookFlowTests
{
    private const string WebhookSecret = "whsec-3f9d1c7a2b6e4058";
    private const string DeployToken = "dtok-7Hq2Lm9Xp4Zr8Wv1";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private const string Pipeline = """
        name: hooked
        jobs:
          build:
            permissions:
              secrets: [DEPLOY_TOKEN]
            steps:
              - name: use-token
                run: 'echo "token=[$DEPLOY_TOKEN]"; printf %s "$DEPLOY_TOKEN" | base64'
        """;

    [Fact]
    public async Task SignedPush_StartsARunOnTheRunner_AndForgedOrReplayedDeliveriesAreRefused()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, commit) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), Pipeline);
        await PrepareAsync(service, path);
        var push = Json(new { @ref = "refs/heads/main", before = new string('0', 40), after = commit, repository = new { full_name = "acme/hooked" }, pusher = new { name = "alice" }, sender = new { login = "alice" } });
        var delivery = Guid.NewGuid().ToString();

        using var accepted = await DeliverAsync(service, "push", delivery, push, Sign(push, WebhookSecret));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["runs"]!.AsArray().Single()!.GetValue<long>();

        using var replayed = await DeliverAsync(service, "push", delivery, push, Sign(push, WebhookSecret));
        using var forged = await DeliverAsync(service, "push", Guid.NewGuid().ToString(), push, Sign(push, "not-the-secret"));
        using var unsigned = await DeliverAsync(service, "push", Guid.NewGuid().ToString(), push, null);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        var details = await service.WaitForRunAsync(runId, RunTimeout);
        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.Equal("push", details["run"]!["event"]!.GetValue<string>());
        var log = await service.LogAsync(runId, "build", 0);
        Assert.Contains("token=[***]", log, StringComparison.Ordinal);
        Assert.DoesNotContain(DeployToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(DeployToken)), log, StringComparison.Ordinal);
        Assert.Single((await service.Http.GetFromJsonAsync<JsonArray>("api/v1/runs", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task ForkPullRequest_AskingForSecrets_GetsNone_AndIsNotSigned()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), Pipeline);
        await TestRepository.GitAsync(path, "checkout", "-q", "-b", "feature");
        File.WriteAllText(Path.Combine(path, "change.txt"), "from a fork\n");
        await TestRepository.GitAsync(path, "add", "-A");
        await TestRepository.GitAsync(path, "-c", "user.email=mallory@rampart.example", "-c", "user.name=mallory", "commit", "-q", "-m", "fork change");
        var head = (await TestRepository.GitAsync(path, "rev-parse", "HEAD")).Trim();
        await PrepareAsync(service, path);
        var pull = Json(new
        {
            action = "opened", number = 7,
            pull_request = new { number = 7, head = new { sha = head, @ref = "feature", repo = new { full_name = "mallory/hooked" } }, @base = new { @ref = "main", repo = new { full_name = "acme/hooked" } } },
            repository = new { full_name = "acme/hooked" }, sender = new { login = "mallory" },
        });

        using var accepted = await DeliverAsync(service, "pull_request", Guid.NewGuid().ToString(), pull, Sign(pull, WebhookSecret));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["runs"]!.AsArray().Single()!.GetValue<long>();
        var details = await service.WaitForRunAsync(runId, RunTimeout);

        Assert.Equal("pull_request", details["run"]!["event"]!.GetValue<string>());
        var log = await service.LogAsync(runId, "build", 0);
        Assert.Contains("token=[]", log, StringComparison.Ordinal);
        Assert.DoesNotContain(DeployToken, log, StringComparison.Ordinal);
        Assert.Contains("secrets withheld", await service.LogAsync(runId, "build", -1), StringComparison.Ordinal);
        Assert.Contains("untrusted", await service.LogAsync(runId, "_run", 0), StringComparison.Ordinal);
    }

    private static async Task PrepareAsync(ServiceHarness service, string path)
    {
        await service.RegisterRepositoryAsync("acme/hooked", path);
        await service.SetSecretAsync("RAMPART_WEBHOOK_SECRET", "acme/hooked", WebhookSecret);
        await service.SetSecretAsync("DEPLOY_TOKEN", "acme/hooked", DeployToken);
        await service.StartRunnerAsync("r1");
    }

    private static byte[] Json(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload);

    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<HttpResponseMessage> DeliverAsync(ServiceHarness service, string kind, string delivery, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "hooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", kind);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        using var anonymous = new HttpClient { BaseAddress = service.Url };
        return await anonymous.SendAsync(request);
    }
}
