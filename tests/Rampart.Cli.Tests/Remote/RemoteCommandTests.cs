namespace Rampart.Cli.Tests.Remote;

/// <summary>The remote commands as a user runs them, against a canned server on 127.0.0.1.</summary>
public sealed class RemoteCommandTests
{
    private const string Token = "rmp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task TokenCreate_PrintsTheTokenAloneOnStdout_AndSendsTheCallersBearerToken()
    {
        const string issued = "rmp_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        using var server = new FakeServer(201, $$"""{"id":4,"name":"laptop","prefix":"rmp_BBBB","token":"{{issued}}","createdAt":"2026-11-25T12:00:00+00:00","expiresAt":"2027-02-23T12:00:00+00:00"}""");

        var result = await Run(server, "token", "create", "--name", "laptop", "--expires-in-days", "90");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(issued + "\n", result.Stdout);
        Assert.Contains("shown only now", result.Stderr, StringComparison.Ordinal);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/v1/users/me/tokens", "Bearer " + Token), (request.Method, request.Path, request.Authorization));
        Assert.Contains("\"expiresInDays\":90", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_IsOneLineWithTheServersReason_AndExitCode2()
    {
        using var server = new FakeServer(403, """{"error":"forbidden: user 'dev' lacks permission manage-users on acme/app"}""");

        var result = await Run(server, "role", "set", "dev", "deployer", "--repo", "acme/app");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("rampart: PUT api/v1/repositories/acme/app/roles/dev: refused (403): forbidden: user 'dev' lacks permission manage-users on acme/app\n", result.Stderr);
        Assert.Contains("\"role\":\"deployer\"", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_SaysWhenToRetry()
    {
        using var server = new FakeServer(429, """{"error":"too many failed authentications from this address; retry later"}""", ("Retry-After", "42"));

        var result = await Run(server, "user", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(429): too many failed authentications from this address; retry later (retry in 42 s)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerFailure_IsExitCode3()
    {
        using var server = new FakeServer(500, "");

        var result = await Run(server, "user", "list");

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task RoleOnEveryRepository_AndNamesWithOddCharacters_UseEscapedPaths()
    {
        using var server = new FakeServer(204, "");

        var result = await Run(server, "role", "remove", "a.b-c", "--repo", "*");
        var revoke = await Run(server, "token", "revoke", "7", "--user", "x/y");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(["/api/v1/roles/a.b-c", "/api/v1/users/x%2Fy/tokens/7"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task WithoutToken_OrOverPlainHttpToAnotherHost_RefusesBeforeSendingAnything()
    {
        using var server = new FakeServer(200, "[]");
        var noToken = await CliProcess.RunAsync(Path.GetTempPath(), new Dictionary<string, string?> { ["RAMPART_SERVER"] = server.Url, ["RAMPART_TOKEN"] = null }, "user", "list");
        var remote = await CliProcess.RunAsync(Path.GetTempPath(), new Dictionary<string, string?> { ["RAMPART_TOKEN"] = Token }, "user", "list", "--server", "http://ci.example");

        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("RAMPART_TOKEN", noToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, remote.ExitCode);
        Assert.Contains("use https://", remote.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task UserList_PrintsATable()
    {
        using var server = new FakeServer(200, """[{"id":1,"name":"root","admin":true,"disabled":false,"createdAt":"2026-11-25T12:00:00+00:00"}]""");

        var result = await Run(server, "user", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("root", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 12:00Z", result.Stdout, StringComparison.Ordinal);
    }

    private static Task<CliProcess.Result> Run(FakeServer server, params string[] args) =>
        CliProcess.RunAsync(Path.GetTempPath(), new Dictionary<string, string?> { ["RAMPART_SERVER"] = server.Url, ["RAMPART_TOKEN"] = Token }, args);
}
