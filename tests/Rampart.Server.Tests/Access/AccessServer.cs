using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Core.Secrets;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Hosting;

namespace Rampart.Server.Tests.Access;

/// <summary>
/// The real server (<see cref="ServerApp.Build"/>) on 127.0.0.1 with an in-memory access store, a
/// recording ledger and a hand-moved clock, plus two stand-ins for endpoints other parts of the
/// server own: starting a run and approving a deploy, each guarded by <see cref="AccessCheck"/>.
/// </summary>
internal sealed class AccessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AccessServer(WebApplication app, Uri address, string adminToken, InMemoryAccessStore store, RecordingAuditTrail audit, ManualTime time)
    {
        _app = app;
        Address = address;
        AdminToken = adminToken;
        Store = store;
        Audit = audit;
        Time = time;
    }

    public InMemoryAccessStore Store { get; }
    public RecordingAuditTrail Audit { get; }
    public ManualTime Time { get; }
    public Uri Address { get; }
    public string AdminToken { get; }
    public Metrics.ServerMetrics Metrics => _app.Services.GetRequiredService<Metrics.ServerMetrics>();

    /// <summary>Every response body the tests saw, to show a token appears in none but its creation.</summary>
    public List<string> Bodies { get; } = [];

    public static async Task<AccessServer> StartAsync(int authFailuresPerMinute = 10)
    {
        var store = new InMemoryAccessStore();
        var audit = new RecordingAuditTrail();
        var time = new ManualTime();
        var state = Path.Combine(Path.GetTempPath(), "rampart-access-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { Listen = "http://127.0.0.1:0", StateDirectory = state, AuthFailuresPerMinute = authFailuresPerMinute };
        var wiring = new ServerWiring
        {
            Audit = audit,
            Artifacts = new NoArtifacts(),
            Secrets = new NoSecrets(),
            Stages = _ => [],
            CacheDirectory = Path.Combine(state, "cache"),
            Time = time,
        };
        var database = new ServiceDatabase("memory", null!, null!, null!, store, null!, null!, null!, null!);
        var app = ServerApp.Build(options, wiring, database);
        app.MapPost("/api/v1/repositories/{owner}/{repo}/runs", (HttpContext context, string owner, string repo) =>
            AccessCheck.Deny(context, Permission.StartRuns, owner + "/" + repo) ?? Results.Json(new { started = true }, statusCode: 201));
        app.MapPost("/api/v1/repositories/{owner}/{repo}/deploys/{id}/approve", (HttpContext context, string owner, string repo) =>
            AccessCheck.Deny(context, Permission.ApproveDeploy, owner + "/" + repo) ?? Results.Json(new { approved = true }));
        app.MapGet("/api/v1/runner/ping", (HttpContext context) => Results.Text(context.GetCaller() is null ? "anonymous" : "caller"));

        var adminToken = await AccessBootstrap.EnsureAdminAsync(store, audit, "root", time, CancellationToken.None) ?? throw new InvalidOperationException("no bootstrap token");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AccessServer(app, new Uri(address), adminToken, store, audit, time);
    }

    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = Address };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        lock (Bodies)
            Bodies.Add(text);
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, json, response);
    }

    /// <summary>Creates a user through the API as the admin and returns a fresh token of theirs.</summary>
    public async Task<string> AddUserAsync(string name, string? role = null, string repository = "acme/app", int? expiresInDays = null)
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/api/v1/users", AdminToken, new { name });
        Assert.Equal(201, status);
        if (role is not null)
        {
            var path = repository == RoleBinding.AllRepositories ? $"/api/v1/roles/{name}" : $"/api/v1/repositories/{repository}/roles/{name}";
            Assert.Equal(200, (await SendAsync(HttpMethod.Put, path, AdminToken, new { role })).Status);
        }

        var (created, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/users/{name}/tokens", AdminToken, new { name = "test", expiresInDays });
        Assert.Equal(201, created);
        return body.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class NoArtifacts : IArtifactStore
    {
        public Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool Contains(Digest digest) => false;

        public Stream OpenRead(Digest digest) => throw new NotSupportedException();
    }

    private sealed class NoSecrets : ISecretSource
    {
        public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
