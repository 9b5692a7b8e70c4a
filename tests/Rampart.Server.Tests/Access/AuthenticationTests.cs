using Rampart.Server.Access;

namespace Rampart.Server.Tests.Access;

public sealed class AuthenticationTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;

    [Fact]
    public async Task WrongToken_IsRefusedWith401_AndCountedAsUnknown()
    {
        await using var server = await AccessServer.StartAsync();
        var forged = ApiTokens.Create().Token;

        var (status, body, response) = await server.SendAsync(Get, "/api/v1/users/me", forged);

        Assert.Equal(401, status);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("invalid token", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("unknown"));
    }

    [Fact]
    public async Task TokenDifferingFromARealOneInTheLastCharacter_IsRefused()
    {
        await using var server = await AccessServer.StartAsync();
        var real = server.AdminToken;
        var near = real[..^1] + (real[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(401, (await server.SendAsync(Get, "/api/v1/users/me", near)).Status);
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", real)).Status);
    }

    [Theory]
    [InlineData("Basic cm9vdDpyb290")]
    [InlineData("Bearer ")]
    [InlineData("Bearer rmp_short")]
    [InlineData("Bearer ghp_0123456789abcdef0123456789abcdef0123")]
    public async Task MalformedAuthorization_IsRefused_NotTreatedAsAnonymous(string header)
    {
        await using var server = await AccessServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(Get, "/api/v1/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("malformed"));
    }

    [Fact]
    public async Task Anonymous_GetsChallenge401FromTheEndpoint()
    {
        await using var server = await AccessServer.StartAsync();

        var (status, body, response) = await server.SendAsync(Get, "/api/v1/users/me", null);

        Assert.Equal(401, status);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("authentication required", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice");
        var id = (await server.SendAsync(Get, "/api/v1/users/me", token)).Body.GetProperty("tokenId").GetInt64();

        Assert.Equal(204, (await server.SendAsync(HttpMethod.Delete, $"/api/v1/users/alice/tokens/{id}", server.AdminToken)).Status);

        Assert.Equal(401, (await server.SendAsync(Get, "/api/v1/users/me", token)).Status);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("revoked"));
    }

    [Fact]
    public async Task ExpiredToken_IsRefused_FromTheMomentItExpires()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice", expiresInDays: 1);
        server.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", token)).Status);

        server.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(401, (await server.SendAsync(Get, "/api/v1/users/me", token)).Status);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("expired"));
    }

    [Fact]
    public async Task TokenOfDisabledUser_IsRefused_AndWorksAgainWhenEnabled()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice", "developer");
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Patch, "/api/v1/users/alice", server.AdminToken, new { disabled = true })).Status);

        Assert.Equal(401, (await server.SendAsync(HttpMethod.Post, "/api/v1/repositories/acme/app/runs", token)).Status);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("disabled"));

        Assert.Equal(200, (await server.SendAsync(HttpMethod.Patch, "/api/v1/users/alice", server.AdminToken, new { disabled = false })).Status);
        Assert.Equal(201, (await server.SendAsync(HttpMethod.Post, "/api/v1/repositories/acme/app/runs", token)).Status);
    }

    [Fact]
    public async Task BruteForce_Gets429WithRetryAfter_EvenForTheCorrectToken_UntilTheWindowPasses()
    {
        await using var server = await AccessServer.StartAsync(authFailuresPerMinute: 3);
        for (var i = 0; i < 3; i++)
            Assert.Equal(401, (await server.SendAsync(Get, "/api/v1/users/me", ApiTokens.Create().Token)).Status);

        var (status, _, response) = await server.SendAsync(Get, "/api/v1/users/me", server.AdminToken);

        Assert.Equal(429, status);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(1, server.Metrics.AuthFailures.Get("rate_limited"));

        server.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(429, (await server.SendAsync(Get, "/api/v1/users/me", server.AdminToken)).Status);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", server.AdminToken)).Status);
    }

    [Fact]
    public async Task RunnerRoutes_AreLeftToTheRunnerProtocol()
    {
        await using var server = await AccessServer.StartAsync();

        var (status, _, response) = await server.SendAsync(Get, "/api/v1/runner/ping", ApiTokens.Create().Token);

        Assert.Equal(200, status);
        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, server.Metrics.AuthFailures.Get("unknown"));
    }

    [Fact]
    public async Task LastUsedAt_IsWrittenAtMostOnceAMinutePerToken()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice");
        var before = server.Store.Touches;

        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", token)).Status);
        Assert.Equal(before + 1, server.Store.Touches);

        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", token)).Status);
        Assert.Equal(before + 2, server.Store.Touches);
        var listed = (await server.SendAsync(Get, "/api/v1/users/me/tokens", token)).Body;
        Assert.Equal(server.Time.GetUtcNow(), listed[0].GetProperty("lastUsedAt").GetDateTimeOffset());
    }
}
