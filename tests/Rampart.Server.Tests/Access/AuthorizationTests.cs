namespace Rampart.Server.Tests.Access;

/// <summary>Roles through the real server: the endpoints of other parts call AccessCheck.Deny exactly like these stand-ins.</summary>
public sealed class AuthorizationTests
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private const string Approve = "/api/v1/repositories/acme/app/deploys/7/approve";
    private const string Start = "/api/v1/repositories/acme/app/runs";

    [Fact]
    public async Task Developer_CannotApproveADeploy_AndTheRefusalNamesThePermission()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("dev", "developer");

        var (status, body, _) = await server.SendAsync(Post, Approve, token);

        Assert.Equal(403, status);
        Assert.Equal("forbidden: user 'dev' lacks permission approve-deploy on acme/app", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Maintainer_CannotApproveADeploy()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("maint", "maintainer");

        Assert.Equal(403, (await server.SendAsync(Post, Approve, token)).Status);
        Assert.Equal(201, (await server.SendAsync(Post, Start, token)).Status);
    }

    [Fact]
    public async Task Deployer_ApprovesDeploys_ButCannotStartRuns()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("ops", "deployer");

        var (status, body, _) = await server.SendAsync(Post, Start, token);

        Assert.Equal(403, status);
        Assert.Contains("start-runs", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await server.SendAsync(Post, Approve, token)).Status);
    }

    [Fact]
    public async Task Deployer_CannotChangeRolesOrRepositorySettings()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("ops", "deployer");
        await server.AddUserAsync("dev", "developer");

        Assert.Equal(403, (await server.SendAsync(Put, "/api/v1/repositories/acme/app/roles/dev", token, new { role = "maintainer" })).Status);
    }

    [Fact]
    public async Task RoleOnOneRepository_GivesNothingOnAnother()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("dev", "developer");

        Assert.Equal(201, (await server.SendAsync(Post, Start, token)).Status);
        Assert.Equal(403, (await server.SendAsync(Post, "/api/v1/repositories/acme/other/runs", token)).Status);
        Assert.Equal(403, (await server.SendAsync(Post, "/api/v1/repositories/ACME/app/runs", token)).Status);
    }

    [Fact]
    public async Task StarBinding_AppliesToEveryRepository_AndANarrowerBindingDoesNotTakeItAway()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("dev", "developer", "*");
        Assert.Equal(200, (await server.SendAsync(Put, "/api/v1/repositories/acme/app/roles/dev", server.AdminToken, new { role = "viewer" })).Status);

        Assert.Equal(201, (await server.SendAsync(Post, "/api/v1/repositories/any/thing/runs", token)).Status);
        Assert.Equal(201, (await server.SendAsync(Post, Start, token)).Status);
        Assert.Equal(403, (await server.SendAsync(Post, Approve, token)).Status);
    }

    [Fact]
    public async Task Viewer_CannotSetRoles_NotEvenOnTheirOwnRepositoryForThemselves()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("viewer", "viewer");

        Assert.Equal(403, (await server.SendAsync(Put, "/api/v1/repositories/acme/app/roles/viewer", token, new { role = "admin" })).Status);
        Assert.Equal(403, (await server.SendAsync(Put, "/api/v1/roles/viewer", token, new { role = "admin" })).Status);
        Assert.Equal(403, (await server.SendAsync(HttpMethod.Delete, "/api/v1/repositories/acme/app/roles/viewer", token)).Status);
        Assert.Equal(403, (await server.SendAsync(HttpMethod.Patch, "/api/v1/users/viewer", token, new { admin = true })).Status);
        Assert.Equal(403, (await server.SendAsync(Post, Start, token)).Status);
        Assert.DoesNotContain(server.Audit.Events, e => e.Actor == "viewer");
    }

    [Fact]
    public async Task RepositoryAdmin_ManagesRolesThere_ButNotElsewhereNorOnEveryRepositoryNorUsers()
    {
        await using var server = await AccessServer.StartAsync();
        var token = await server.AddUserAsync("lead", "admin");
        await server.AddUserAsync("dev");

        Assert.Equal(200, (await server.SendAsync(Put, "/api/v1/repositories/acme/app/roles/dev", token, new { role = "deployer" })).Status);
        Assert.Equal(403, (await server.SendAsync(Put, "/api/v1/repositories/acme/other/roles/dev", token, new { role = "deployer" })).Status);
        Assert.Equal(403, (await server.SendAsync(Put, "/api/v1/roles/lead", token, new { role = "admin" })).Status);
        Assert.Equal(403, (await server.SendAsync(Post, "/api/v1/users", token, new { name = "mallory" })).Status);
        Assert.Equal(403, (await server.SendAsync(HttpMethod.Get, "/api/v1/users/dev/tokens", token)).Status);
    }

    [Fact]
    public async Task Anonymous_IsAskedToAuthenticate_NotForbidden()
    {
        await using var server = await AccessServer.StartAsync();

        Assert.Equal(401, (await server.SendAsync(Post, Start, null)).Status);
        Assert.Equal(401, (await server.SendAsync(Put, "/api/v1/repositories/acme/app/roles/root", null, new { role = "viewer" })).Status);
    }
}
