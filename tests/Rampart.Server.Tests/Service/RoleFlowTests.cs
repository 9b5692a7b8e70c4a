using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Rampart.Server.Tests.Service;

/// <summary>Roles on the real server: those who merge code are not those who deploy it, nor admins.</summary>
public sealed class RoleFlowTests
{
    [Fact]
    public async Task TokensOfTheWrongRole_AreRefused_AndTheRightRoleWorks()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), "name: p\njobs:\n  a:\n    steps:\n      - run: 'true'\n");
        await service.RegisterRepositoryAsync("acme/app", path);
        var ct = TestContext.Current.CancellationToken;
        var tokens = new Dictionary<string, string>();
        foreach (var (user, role) in new[] { ("vera", "viewer"), ("dave", "developer"), ("dora", "deployer"), ("max", "maintainer") })
        {
            Assert.True((await service.Http.PostAsJsonAsync("api/v1/users", new { name = user }, ct)).IsSuccessStatusCode);
            Assert.True((await service.Http.PutAsJsonAsync($"api/v1/repositories/acme/app/roles/{user}", new { role }, ct)).IsSuccessStatusCode);
            using var created = await service.Http.PostAsJsonAsync($"api/v1/users/{user}/tokens", new { name = "t", expiresInDays = 1 }, ct);
            tokens[user] = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
        }

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(service, tokens["vera"], HttpMethod.Post, "api/v1/repositories/acme/app/runs", new { }));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(service, tokens["dora"], HttpMethod.Post, "api/v1/repositories/acme/app/runs", new { }));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(service, tokens["dave"], HttpMethod.Post, "api/v1/runners/registration-tokens", null));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(service, tokens["max"], HttpMethod.Post, "api/v1/runners/registration-tokens", null));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(service, tokens["dave"], HttpMethod.Put, "api/v1/repositories/acme/app/roles/dave", new { role = "admin" }));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(service, "rmp_" + new string('A', 43), HttpMethod.Get, "api/v1/runs", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(service, null, HttpMethod.Get, "api/v1/runs", null));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(service, tokens["dave"], HttpMethod.Post, "api/v1/repositories/acme/app/runs", new { }));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(service, tokens["vera"], HttpMethod.Get, "api/v1/runs", null));
    }

    private static async Task<HttpStatusCode> StatusAsync(ServiceHarness service, string? token, HttpMethod method, string path, object? body)
    {
        using var client = new HttpClient { BaseAddress = service.Url };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
