using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rampart.Security.Vault;
using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.Deployments;

/// <summary>A real server with a vault master key, a registered repository, users with roles, and calls as any of them.</summary>
internal sealed class DeployService : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private DeployService(ServiceHarness harness, string keyFile)
    {
        Harness = harness;
        KeyFile = keyFile;
    }

    public ServiceHarness Harness { get; }
    public string KeyFile { get; }

    public static async Task<DeployService> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("rampart-deploy-").FullName;
        var keyFile = Path.Combine(root, "master.key");
        var harness = await ServiceHarness.StartAsync(root, new Dictionary<string, string> { [MasterKeySource.FileVariable] = keyFile });
        return new DeployService(harness, keyFile);
    }

    /// <summary>Stores a secret in the server's vault, visible only to jobs of that environment.</summary>
    public void SetEnvironmentSecret(string name, string environment, string value) =>
        new SecretVault(SecretVault.DirectoryIn(Harness.State), new MasterKeySource(null, KeyFile)).Set(name, new VaultScope(null, environment, null), value);

    /// <summary>Creates the user with a role on the repository and keeps their token.</summary>
    public async Task AddUserAsync(string name, string repository, string role)
    {
        var (status, body) = await SendAsync("admin", HttpMethod.Post, "api/v1/users", new { name });
        Assert.True(status == 201, $"create user {name}: {status} {body}");
        (status, body) = await SendAsync("admin", HttpMethod.Post, $"api/v1/users/{name}/tokens", new { name = "test" });
        Assert.True(status == 201, $"token for {name}: {status} {body}");
        _tokens[name] = body!["token"]!.GetValue<string>();
        (status, body) = await SendAsync("admin", HttpMethod.Put, $"api/v1/repositories/{repository}/roles/{name}", new { role });
        Assert.True(status is 200 or 201 or 204, $"role for {name}: {status} {body}");
    }

    /// <summary>Calls the API as <paramref name="user"/> (<c>admin</c> is the first start's admin); the body is JSON, or the text as a JSON string.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user == "admin" ? Harness.AdminToken : _tokens[user]);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await Harness.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            json = JsonValue.Create(text);
        }

        return ((int)response.StatusCode, json);
    }

    public async Task<long> TriggerAsync(string user, string repository, string? gitRef = null)
    {
        var (status, body) = await SendAsync(user, HttpMethod.Post, $"api/v1/repositories/{repository}/runs", gitRef is null ? new { } : new { @ref = gitRef });
        Assert.True(status == 201, $"trigger: {status} {body}");
        return body!["runId"]!.GetValue<long>();
    }

    public async Task<JsonObject> DeploymentAsync(long runId, string environment)
    {
        var (_, body) = await SendAsync("admin", HttpMethod.Get, $"api/v1/runs/{runId}/deployments");
        return (JsonObject)body!.AsArray().Single(d => d!["environment"]!.GetValue<string>() == environment)!;
    }

    /// <summary>Polls until the run's deployment to the environment satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonObject> WaitForDeploymentAsync(long runId, string environment, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (_, body) = await SendAsync("admin", HttpMethod.Get, $"api/v1/runs/{runId}/deployments");
            if (body!.AsArray().FirstOrDefault(d => d!["environment"]!.GetValue<string>() == environment) is JsonObject deployment && condition(deployment))
                return deployment;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"run {runId}: deployment to {environment} not as expected after {timeout}: {body.ToJsonString()}\nrun: {(await Harness.RunAsync(runId)).ToJsonString()}\n{await Harness.LogAsync(runId, "_run", 0)}\nserver:\n{Harness.Server.Output}");
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
