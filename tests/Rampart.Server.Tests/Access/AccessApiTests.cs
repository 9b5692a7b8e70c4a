using System.Text.Json;
using Rampart.Core.Audit;
using Rampart.Server.Access;

namespace Rampart.Server.Tests.Access;

public sealed class AccessApiTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task User_CannotRevokeAnotherUsersToken_ByTheirNameOrThroughTheirOwn()
    {
        await using var server = await AccessServer.StartAsync();
        var alice = await server.AddUserAsync("alice", "developer");
        var bob = await server.AddUserAsync("bob", "developer");
        var aliceTokenId = (await server.SendAsync(Get, "/api/v1/users/me", alice)).Body.GetProperty("tokenId").GetInt64();

        Assert.Equal(403, (await server.SendAsync(Delete, $"/api/v1/users/alice/tokens/{aliceTokenId}", bob)).Status);
        Assert.Equal(404, (await server.SendAsync(Delete, $"/api/v1/users/bob/tokens/{aliceTokenId}", bob)).Status);
        Assert.Equal(404, (await server.SendAsync(Delete, $"/api/v1/users/me/tokens/{aliceTokenId}", bob)).Status);
        Assert.Equal(403, (await server.SendAsync(Get, "/api/v1/users/alice/tokens", bob)).Status);
        Assert.Equal(403, (await server.SendAsync(Post, "/api/v1/users/alice/tokens", bob, new { name = "mine-now" })).Status);

        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", alice)).Status);
    }

    [Fact]
    public async Task User_ManagesTheirOwnTokens()
    {
        await using var server = await AccessServer.StartAsync();
        var first = await server.AddUserAsync("alice");

        var (status, created, response) = await server.SendAsync(Post, "/api/v1/users/me/tokens", first, new { name = "laptop", expiresInDays = 30 });
        Assert.Equal(201, status);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var second = created.GetProperty("token").GetString()!;
        Assert.Equal(second[..8], created.GetProperty("prefix").GetString());
        Assert.Equal(server.Time.GetUtcNow().AddDays(30), created.GetProperty("expiresAt").GetDateTimeOffset());

        var listed = (await server.SendAsync(Get, "/api/v1/users/alice/tokens", second)).Body;
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal(204, (await server.SendAsync(Delete, $"/api/v1/users/me/tokens/{created.GetProperty("id").GetInt64()}", first)).Status);
        Assert.Equal(401, (await server.SendAsync(Get, "/api/v1/users/me", second)).Status);
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", first)).Status);
    }

    [Fact]
    public async Task Token_AppearsInItsCreationResponseOnly_NeverInOtherResponsesTheLedgerOrTheStore()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice", "maintainer");
        var hash = ApiTokens.HashOf(token);
        var id = (await server.SendAsync(Get, "/api/v1/users/me", token)).Body.GetProperty("tokenId").GetInt64();
        await server.SendAsync(Get, "/api/v1/users/alice/tokens", token);
        await server.SendAsync(Get, "/api/v1/users/alice/tokens", server.AdminToken);
        await server.SendAsync(Get, "/api/v1/users", server.AdminToken);
        await server.SendAsync(Get, "/api/v1/repositories/acme/app/roles", server.AdminToken);
        await server.SendAsync(Get, "/api/v1/users/alice/roles", token);
        await server.SendAsync(Delete, $"/api/v1/users/alice/tokens/{id}", server.AdminToken);
        await server.SendAsync(Get, "/api/v1/users/me", token);

        Assert.Single(server.Bodies, b => b.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Bodies, b => b.Contains(hash, StringComparison.OrdinalIgnoreCase));
        var ledger = server.Audit.Dump();
        Assert.Contains("token.created", ledger, StringComparison.Ordinal);
        Assert.Contains("token.revoked", ledger, StringComparison.Ordinal);
        foreach (var secret in new[] { token, token[ApiTokens.Scheme.Length..], hash, server.AdminToken, ApiTokens.HashOf(server.AdminToken) })
            Assert.DoesNotContain(secret, ledger, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, server.Store.Dump(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminToken, server.Store.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPermissionChange_IsInTheLedger_WithActorSubjectRepositoryAndRoles()
    {
        await using var server = await AccessServer.StartAsync();
        await server.AddUserAsync("alice", "developer");
        await server.SendAsync(HttpMethod.Put, "/api/v1/repositories/acme/app/roles/alice", server.AdminToken, new { role = "deployer" });
        await server.SendAsync(Delete, "/api/v1/repositories/acme/app/roles/alice", server.AdminToken);
        await server.SendAsync(HttpMethod.Patch, "/api/v1/users/alice", server.AdminToken, new { admin = true, disabled = true });

        var events = server.Audit.Events.Where(e => e.Subject == "user/alice").ToList();
        Assert.All(events, e => Assert.Equal(AuditKinds.AccessChanged, e.Kind));
        Assert.All(events, e => Assert.Equal("root", e.Actor));
        Assert.Equal(["user.created", "role.set", "token.created", "role.set", "role.removed", "user.disabled", "admin.granted"], events.Select(e => e.Details["action"]));
        var change = events[3].Details;
        Assert.Equal(("acme/app", "developer", "deployer"), (change["repository"], change["old_role"], change["new_role"]));
        Assert.Equal(("deployer", "none"), (events[4].Details["old_role"], events[4].Details["new_role"]));
    }

    [Fact]
    public async Task LastEnabledAdmin_CannotBeDisabledOrDemoted()
    {
        await using var server = await AccessServer.StartAsync();

        var (status, body, _) = await server.SendAsync(HttpMethod.Patch, "/api/v1/users/root", server.AdminToken, new { disabled = true });

        Assert.Equal(409, status);
        Assert.Contains("last enabled admin", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(409, (await server.SendAsync(HttpMethod.Patch, "/api/v1/users/root", server.AdminToken, new { admin = false })).Status);
        Assert.Equal(200, (await server.SendAsync(Get, "/api/v1/users/me", server.AdminToken)).Status);
    }

    [Fact]
    public async Task CreateUser_RefusesBadNamesDuplicatesAndTheReservedMe()
    {
        await using var server = await AccessServer.StartAsync();

        Assert.Equal(400, (await server.SendAsync(Post, "/api/v1/users", server.AdminToken, new { name = "me" })).Status);
        Assert.Equal(400, (await server.SendAsync(Post, "/api/v1/users", server.AdminToken, new { name = "../x" })).Status);
        Assert.Equal(400, (await server.SendAsync(Post, "/api/v1/users", server.AdminToken, new { name = "" })).Status);
        Assert.Equal(409, (await server.SendAsync(Post, "/api/v1/users", server.AdminToken, new { name = "root" })).Status);
    }

    [Fact]
    public async Task SetRole_UnknownRole_Is400ListingTheAllowedRoles()
    {
        await using var server = await AccessServer.StartAsync();
        await server.AddUserAsync("alice");

        var (status, body, _) = await server.SendAsync(HttpMethod.Put, "/api/v1/repositories/acme/app/roles/alice", server.AdminToken, new { role = "owner" });

        Assert.Equal(400, status);
        Assert.Contains("allowed: viewer, developer, maintainer, deployer, admin", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_And_RoleListings_ShowBindings()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("alice", "deployer");
        await server.AddUserAsync("bob", "viewer", "*");

        var me = (await server.SendAsync(Get, "/api/v1/users/me", token)).Body;
        var repository = (await server.SendAsync(Get, "/api/v1/repositories/acme/app/roles", server.AdminToken)).Body;

        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal("deployer", me.GetProperty("roles")[0].GetProperty("role").GetString());
        Assert.Equal(["alice:acme/app:deployer", "bob:*:viewer"], repository.EnumerateArray().Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(403, (await server.SendAsync(Get, "/api/v1/repositories/acme/app/roles", token)).Status);
    }

    [Fact]
    public async Task ExpiryOutOfRange_Is400()
    {
        await using var server = await AccessServer.StartAsync();

        Assert.Equal(400, (await server.SendAsync(Post, "/api/v1/users/me/tokens", server.AdminToken, new { expiresInDays = 0 })).Status);
        Assert.Equal(400, (await server.SendAsync(Post, "/api/v1/users/me/tokens", server.AdminToken, new { expiresInDays = 100_000 })).Status);
    }

    private static string Describe(JsonElement role) =>
        $"{role.GetProperty("user").GetString()}:{role.GetProperty("repository").GetString()}:{role.GetProperty("role").GetString()}";
}
