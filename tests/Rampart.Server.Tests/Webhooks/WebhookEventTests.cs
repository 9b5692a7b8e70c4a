using System.Net;
using System.Text;
using Rampart.Server.Webhooks;

namespace Rampart.Server.Tests.Webhooks;

/// <summary>Provider-specific events, refusals of bad requests, and what the answer says.</summary>
public sealed class WebhookEventTests
{
    private const string Repo = "acme/app";
    private const string Secret = "webhook-secret-0f3a9c";
    private const string Commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private const string Other = "9a3b1c2d4e5f60718293a4b5c6d7e8f901234567";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GitHubPing_AnswersOkWithANote_AndStartsNothing()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["github"];
        var body = ProviderCase.Json(new { zen = "Keep it logically awesome.", hook_id = 1, repository = new { full_name = Repo } });

        using var response = await server.PostAsync("github", body, c.Headers("ping", "d-ping", body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ping received", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [InlineData("github", "issues")]
    [InlineData("gitlab", "Note Hook")]
    [InlineData("gitea", "release")]
    [InlineData("bitbucket", "repo:fork")]
    public async Task UnsupportedEvent_AnswersOkWithANote_AndStartsNothing(string provider, string eventName)
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Other, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(eventName, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"event '{eventName}' starts nothing", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [InlineData("github", "closed")]
    [InlineData("github", "labeled")]
    [InlineData("gitea", "closed")]
    public async Task PullRequestActionsWithoutNewCode_StartNothing(string provider, string action)
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All[provider];
        var json = Encoding.UTF8.GetString(ProviderCase.Json(c.PullRequest(Repo, Repo, Commit, 3))).Replace("\"opened\"", $"\"{action}\"", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(json);

        using var response = await server.PostAsync(provider, body, c.Headers(c.PullRequestEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [InlineData("synchronized", true)]
    [InlineData("reopened", true)]
    [InlineData("edited", false)]
    public async Task GiteaPullRequest_BuildsOnNewCommitsAndReopen(string action, bool builds)
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["gitea"];
        var json = Encoding.UTF8.GetString(ProviderCase.Json(c.PullRequest(Repo, Repo, Commit, 3))).Replace("\"opened\"", $"\"{action}\"", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(json);

        using var response = await server.PostAsync("gitea", body, c.Headers("pull_request", "d-1", body, Secret));

        Assert.Equal(builds ? 1 : 0, server.Sink.Requests.Count);
    }

    [Theory]
    [InlineData("update", null, false)]
    [InlineData("update", Other, true)]
    [InlineData("reopen", null, true)]
    [InlineData("close", null, false)]
    [InlineData("merge", null, false)]
    public async Task GitLabMergeRequest_BuildsOnOpenReopenAndUpdatesThatBringCommits(string action, string? oldrev, bool builds)
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var body = ProviderCase.Json(new
        {
            object_kind = "merge_request",
            user = new { username = "bob" },
            project = new { id = 7, path_with_namespace = Repo },
            object_attributes = new { iid = 12, action, oldrev, source_project_id = 7, target_project_id = 7, last_commit = new { id = Commit } },
        });

        using var response = await server.PostAsync("gitlab", body, ProviderCase.All["gitlab"].Headers("Merge Request Hook", "d-1", body, Secret));

        Assert.Equal(builds ? HttpStatusCode.Accepted : HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(builds ? 1 : 0, server.Sink.Requests.Count);
    }

    [Fact]
    public async Task GitLabTagPush_BuildsTheTag()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["gitlab"];
        var body = ProviderCase.Json(c.Push(Repo, "refs/tags/v1.2.0", ProviderCase.Zero, Commit));

        using var response = await server.PostAsync("gitlab", body, c.Headers("Tag Push Hook", "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("refs/tags/v1.2.0", Assert.Single(server.Sink.Requests).Ref);
    }

    [Fact]
    public async Task BitbucketPush_OfSeveralRefs_StartsOneRunPerUpdatedRef_AndSkipsDeletedOnes()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var body = ProviderCase.Json(new
        {
            actor = new { nickname = "alice" },
            repository = new { full_name = Repo },
            push = new
            {
                changes = new object[]
                {
                    new { @new = new { type = "branch", name = "main", target = new { hash = Commit } }, old = new { type = "branch", name = "main", target = new { hash = Other } } },
                    new { @new = new { type = "tag", name = "v2", target = new { hash = Other } }, old = (object?)null },
                    new { @new = (object?)null, old = new { type = "branch", name = "gone", target = new { hash = Other } } },
                },
            },
        });

        using var response = await server.PostAsync("bitbucket", body, ProviderCase.All["bitbucket"].Headers("repo:push", "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["refs/heads/main", "refs/tags/v2"], server.Sink.Requests.Select(r => r.Ref).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ForgejoDelivery_ReplayedAtTheGiteaUrl_IsRefused()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["forgejo"];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Other, Commit));
        // Forgejo sends its headers under both names.
        var headers = c.Headers("push", "d-1", body, Secret);
        headers["X-Gitea-Event"] = "push";
        headers["X-Gitea-Delivery"] = "d-1";
        headers["X-Gitea-Signature"] = headers["X-Forgejo-Signature"];
        using var first = await server.PostAsync("forgejo", body, headers);

        using var replay = await server.PostAsync("gitea", body, headers);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Single(server.Sink.Requests);
    }

    [Fact]
    public async Task GitHubDelivery_ReplayedAsAGiteaDelivery_IsRefused()
    {
        // Same HMAC over the same body: only the body digest stops this replay.
        await using var server = await WebhookEndpointTests.StartAsync();
        var github = ProviderCase.All["github"];
        var body = ProviderCase.Json(github.Push(Repo, "refs/heads/main", Other, Commit));
        var headers = github.Headers("push", "d-1", body, Secret);
        using var first = await server.PostAsync("github", body, headers);
        var asGitea = new Dictionary<string, string>
        {
            ["X-Gitea-Event"] = "push",
            ["X-Gitea-Delivery"] = "d-other",
            ["X-Gitea-Signature"] = headers["X-Hub-Signature-256"]["sha256=".Length..],
        };

        using var replay = await server.PostAsync("gitea", body, asGitea);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Single(server.Sink.Requests);
    }

    [Theory]
    [InlineData("{not json", "not a JSON object")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"repository\":{}}", "'repository.full_name' is missing")]
    [InlineData("{\"repository\":{\"full_name\":\"acme/app\"},\"ref\":\"refs/heads/main\",\"after\":\"xyz\"}", "'after' must be a full commit id")]
    [InlineData("{\"repository\":{\"full_name\":\"acme/app\"},\"ref\":\"refs/heads/../x\",\"after\":\"4b825dc642cb6eb9a060e54bf8d69288fbee4904\"}", "'ref' is not a valid git ref")]
    [InlineData("{\"repository\":{\"full_name\":\"acme/app\"},\"after\":\"4b825dc642cb6eb9a060e54bf8d69288fbee4904\"}", "'ref' is missing")]
    public async Task MalformedPayload_IsBadRequest_NamingTheField(string json, string expected)
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var body = Encoding.UTF8.GetBytes(json);

        using var response = await server.PostAsync("github", body, ProviderCase.All["github"].Headers("push", "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
    }

    [Fact]
    public async Task MissingDeliveryId_IsBadRequest()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["github"];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Other, Commit));
        var headers = c.Headers("push", "d-1", body, Secret);
        headers.Remove("X-GitHub-Delivery");

        using var response = await server.PostAsync("github", body, headers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
    }

    [Fact]
    public async Task UnknownProvider_IsNotFound_ListingTheAllowedOnes()
    {
        await using var server = await WebhookEndpointTests.StartAsync();

        using var response = await server.PostAsync("svn", "{}"u8.ToArray(), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("github, gitlab, gitea, forgejo, bitbucket", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheServersLimit_IsRefusedWith413()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var body = new byte[WebhookServer.MaxRequestBytes + 1];
        body.AsSpan().Fill((byte)' ');

        using var response = await server.PostAsync("github", body, ProviderCase.All["github"].Headers("push", "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
        Assert.Equal(1, server.Metrics.Webhooks.Get("too_large"));
    }

    [Fact]
    public async Task RunRefusedByTheService_AnswersOkWithTheReason()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        server.Sink.RefuseWith = "commit is not signed by an allowed signer";
        var c = ProviderCase.All["github"];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Other, Commit));

        using var response = await server.PostAsync("github", body, c.Headers("push", "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("refs/heads/main: commit is not signed by an allowed signer", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(1, server.Metrics.Webhooks.Get("refused"));
    }

    [Fact]
    public async Task SignatureHeader_InUpperCaseHex_IsAccepted()
    {
        await using var server = await WebhookEndpointTests.StartAsync();
        var c = ProviderCase.All["gitea"];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Other, Commit));
        var headers = c.Headers("push", "d-1", body, Secret);
        headers["X-Gitea-Signature"] = headers["X-Gitea-Signature"].ToUpperInvariant();

        using var response = await server.PostAsync("gitea", body, headers);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("sha1=0123")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=4b825dc642cb6eb9a060e54bf8d69288fbee4904")]
    public void PrefixedHmac_RefusesMalformedHeaders(string header) =>
        Assert.False(WebhookSignature.PrefixedHmacMatches(header, "{}"u8, Secret));
}
