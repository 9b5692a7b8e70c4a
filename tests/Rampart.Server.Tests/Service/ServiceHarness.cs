using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// A real <c>rampart server</c> on 127.0.0.1 (a free port) with its own state folder, plus the
/// runners a test starts against it. Everything is killed and deleted at the end.
/// </summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<RampartChild> _children = [];

    private readonly bool _ownsRoot;

    private ServiceHarness(string root, RampartChild server, Uri url, string? adminToken, bool ownsRoot)
    {
        _ownsRoot = ownsRoot;
        Root = root;
        Server = server;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        if (adminToken is not null)
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        AdminToken = adminToken;
    }

    public string Root { get; }
    public RampartChild Server { get; }
    public Uri Url { get; }
    public HttpClient Http { get; }
    public string? AdminToken { get; }
    public string State => Path.Combine(Root, "server");

    public static async Task<ServiceHarness> StartAsync(params string[] settings) =>
        await StartAsync(Directory.CreateTempSubdirectory("rampart-service-").FullName, "server", true, settings);

    /// <summary>Starts a server whose process also gets <paramref name="environment"/> (e.g. the vault's master key file).</summary>
    public static async Task<ServiceHarness> StartWithEnvironmentAsync(string root, IReadOnlyDictionary<string, string> environment, params string[] settings) =>
        await StartAsync(root, "server", true, settings, environment);

    /// <summary>Starts a server whose state folder is <c>ROOT/STATE</c> (replicas share one); the caller deletes ROOT.</summary>
    public static Task<ServiceHarness> StartAsync(string root, string state, params string[] settings) => StartAsync(root, state, false, settings);

    private static async Task<ServiceHarness> StartAsync(string root, string state, bool ownsRoot, string[] settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var args = new List<string> { "--home", Path.Combine(root, state), "server", "--listen", "http://127.0.0.1:0", "--set", "job_lease_seconds=5" };
        foreach (var setting in settings)
            args.AddRange(["--set", setting]);
        var server = RampartChild.Start(environment ?? new Dictionary<string, string>(), [.. args]);
        var line = await server.WaitForLineAsync("listening on http://", StartTimeout);
        var url = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ', ',')[0].TrimEnd('/') + "/");
        var admin = server.Output.Split('\n').FirstOrDefault(l => l.Contains("admin token: ", StringComparison.Ordinal)) is { } tokenLine
            ? tokenLine[(tokenLine.IndexOf("admin token: ", StringComparison.Ordinal) + "admin token: ".Length)..].Trim().Split(' ')[0]
            : null;
        return new ServiceHarness(root, server, url, admin, ownsRoot);
    }

    public async Task RegisterRepositoryAsync(string name, string path)
    {
        using var response = await Http.PostAsJsonAsync("api/v1/repositories", new { name, cloneUrl = path });
        Assert.True(response.IsSuccessStatusCode, $"register {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<string> RegistrationTokenAsync()
    {
        using var response = await Http.PostAsync("api/v1/runners/registration-tokens", null);
        Assert.True(response.IsSuccessStatusCode, $"registration token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    /// <summary>Starts a registered runner process and waits until it has registered.</summary>
    public async Task<RampartChild> StartRunnerAsync(string name, params string[] extra)
    {
        var token = await RegistrationTokenAsync();
        var args = new List<string> { "--home", Path.Combine(Root, "runner-" + name), "runner", "--server", Url.ToString(), "--registration-token", token, "--name", name };
        args.AddRange(extra);
        var runner = RampartChild.Start(new Dictionary<string, string>(), [.. args]);
        _children.Add(runner);
        await runner.WaitForLineAsync("registered as runner", StartTimeout);
        return runner;
    }

    public async Task<long> TriggerAsync(string repository)
    {
        using var response = await Http.PostAsJsonAsync($"api/v1/repositories/{repository}/runs", new { });
        Assert.True(response.IsSuccessStatusCode, $"trigger {repository}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
    }

    public async Task<JsonObject> RunAsync(long runId) =>
        (await Http.GetFromJsonAsync<JsonObject>($"api/v1/runs/{runId}"))!;

    /// <summary>Polls until the run is finished; fails with the run and the server output after the timeout.</summary>
    public async Task<JsonObject> WaitForRunAsync(long runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var details = await RunAsync(runId);
            var status = details["run"]!["status"]!.GetValue<string>();
            if (status is not ("pending" or "running"))
                return details;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"run {runId} still {status} after {timeout}:\n{details.ToJsonString()}\nserver:\n{Server.Output}");
            await Task.Delay(200);
        }
    }

    public async Task<string> LogAsync(long runId, string job, int step)
    {
        var chunks = await Http.GetFromJsonAsync<JsonArray>($"api/v1/runs/{runId}/logs/{job}/{step}");
        return string.Concat(chunks!.Select(c => c!["text"]!.GetValue<string>()));
    }

    public static string Status(JsonObject details, string job) =>
        details["jobs"]!.AsArray().First(j => j!["name"]!.GetValue<string>() == job)!["status"]!.GetValue<string>();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
            await child.DisposeAsync();
        await Server.DisposeAsync();
        Http.Dispose();
        if (!_ownsRoot)
            return;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
