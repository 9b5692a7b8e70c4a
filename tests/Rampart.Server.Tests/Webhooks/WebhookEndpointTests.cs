using System.Net;
using Rampart.Core.Service;
using Rampart.Server.Webhooks;

namespace Rampart.Server.Tests.Webhooks;

public sealed class WebhookEndpointTests
{
    private const string Repo = "acme/app";
    private const string Secret = "webhook-secret-0f3a9c";
    private const string Commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private const string Before = "1111111111111111111111111111111111111111";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task Push_WithCorrectSignature_StartsOneTrustedRunOfThePushedCommit(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(server.Sink.Requests);
        Assert.Equal((Repo, Commit, "refs/heads/main", "push", true, "d-1"), (request.Repository, request.Commit, request.Ref, request.Event, request.Trusted, request.DeliveryId));
        Assert.Equal("alice", request.Actor);
        Assert.Equal(1, server.Metrics.Webhooks.Get("accepted"));
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task Push_SignedWithAnotherSecret_IsRefusedAndRecordsNothing(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, "guessed-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
        Assert.Empty(server.Deliveries.Recorded);
        Assert.Equal(1, server.Metrics.Webhooks.Get("bad_signature"));
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task Push_WithoutSignature_IsRefused(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, secret: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(c.SignatureHeader, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
        Assert.Equal(1, server.Metrics.Webhooks.Get("unsigned"));
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitea")]
    [InlineData("forgejo")]
    [InlineData("bitbucket")]
    public async Task Push_WhoseBodyWasChangedAfterSigning_IsRefused(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var signed = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));
        var tampered = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"));

        using var response = await server.PostAsync(provider, tampered, c.Headers(c.PushEvent, "d-1", signed, Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task ReplayedDelivery_IsRefusedWithConflict(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));
        var headers = c.Headers(c.PushEvent, "d-1", body, Secret);
        using var first = await server.PostAsync(provider, body, headers);

        using var replay = await server.PostAsync(provider, body, headers);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Single(server.Sink.Requests);
        Assert.Equal(1, server.Metrics.Webhooks.Get("replayed"));
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task ReplayedBody_UnderAFreshDeliveryId_IsRefused(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));
        using var first = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        using var replay = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-2-made-up", body, Secret));

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Single(server.Sink.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task ForgedDelivery_DoesNotBurnItsDeliveryId(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/main", Before, Commit));
        using var forged = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, "wrong"));

        using var genuine = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, genuine.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task PullRequestFromFork_StartsAnUntrustedRun(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.PullRequest(Repo, "mallory/app", Commit, 7));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PullRequestEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(server.Sink.Requests);
        Assert.False(request.Trusted);
        Assert.Equal("pull_request", request.Event);
        Assert.Equal(ExpectedPullRequestRef(provider), request.Ref);
        Assert.StartsWith(request.Commit, Commit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task PullRequestWhoseHeadRepositoryIsGone_IsUntrusted(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.PullRequest(Repo, null, Commit, 7));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PullRequestEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(Assert.Single(server.Sink.Requests).Trusted);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task PullRequestFromABranchOfTheSameRepository_IsTrusted(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.PullRequest(Repo, Repo, Commit, 7));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PullRequestEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Assert.Single(server.Sink.Requests).Trusted);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task PushThatDeletesABranch_StartsNothing(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push(Repo, "refs/heads/old-feature", Before, ProviderCase.Zero));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deleted", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
        Assert.Equal(1, server.Metrics.Webhooks.Get("ignored"));
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task RepositoryWithoutWebhookSecret_RefusesEvenASignatureOverAnEmptyKey(string provider)
    {
        await using var server = await StartAsync();
        await server.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/no-secret", CloneUrl = "https://git.example/acme/no-secret.git" }, Token);
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push("acme/no-secret", "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, ""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("rampart secrets set RAMPART_WEBHOOK_SECRET --repository acme/no-secret", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task DeliveryForOneRepository_SignedWithAnotherRepositorysSecret_IsRefused(string provider)
    {
        await using var server = await StartAsync();
        await server.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/other", CloneUrl = "https://git.example/acme/other.git" }, Token);
        server.Secrets.Set(WebhookIntake.SecretName, "acme/other", "a-different-secret");
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push("acme/other", "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderCase.Names), MemberType = typeof(ProviderCase))]
    public async Task UnknownRepository_IsNotFound(string provider)
    {
        await using var server = await StartAsync();
        var c = ProviderCase.All[provider];
        var body = ProviderCase.Json(c.Push("acme/unknown", "refs/heads/main", Before, Commit));

        using var response = await server.PostAsync(provider, body, c.Headers(c.PushEvent, "d-1", body, Secret));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(server.Sink.Requests);
    }

    internal static async Task<WebhookServer> StartAsync()
    {
        var server = await WebhookServer.StartAsync();
        await server.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = Repo, CloneUrl = "https://git.example/acme/app.git" }, Token);
        server.Secrets.Set(WebhookIntake.SecretName, Repo, Secret);
        return server;
    }

    private static string ExpectedPullRequestRef(string provider) => provider switch
    {
        "gitlab" => "refs/merge-requests/7/head",
        "bitbucket" => "refs/heads/feature",
        _ => "refs/pull/7/head",
    };
}
