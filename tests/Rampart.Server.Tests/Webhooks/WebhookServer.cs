using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rampart.Core.Service;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;
using Rampart.Server.Tests.Fakes;
using Rampart.Server.Triggers;
using Rampart.Server.Webhooks;

namespace Rampart.Server.Tests.Webhooks;

/// <summary>
/// A real Kestrel on 127.0.0.1 (port 0) serving <c>/hooks/{provider}</c> the way ServerApp maps it,
/// over in-memory stores and a sink that records what it was asked to start.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    public const long MaxRequestBytes = 64 * 1024;

    private WebApplication? _app;

    private WebhookServer()
    {
    }

    public InMemoryRepositoryStore Repositories { get; } = new();
    public InMemoryDeliveryStore Deliveries { get; } = new();
    public DictionarySecretSource Secrets { get; } = new();
    public RecordingTriggerSink Sink { get; } = new();
    public ServerMetrics Metrics { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    public static async Task<WebhookServer> StartAsync()
    {
        var server = new WebhookServer();
        await server.InitAsync().ConfigureAwait(false);
        return server;
    }

    public async Task<HttpResponseMessage> PostAsync(string provider, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{provider}") { Content = content };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task InitAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Logging.ClearProviders();
        // Only the stores and controls the webhook endpoint uses are real here; the rest are never touched.
        var database = new ServiceDatabase("memory", null!, null!, Repositories, null!, null!, Deliveries, null!, null!);
        var wiring = new ServerWiring { Audit = null!, Artifacts = null!, Secrets = Secrets, Stages = null!, CacheDirectory = Path.GetTempPath() };
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(wiring);
        builder.Services.AddSingleton(Metrics);
        builder.Services.AddSingleton<ITriggerSink>(Sink);
        _app = builder.Build();
        _app.MapWebhooks();
        await _app.StartAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }
}
