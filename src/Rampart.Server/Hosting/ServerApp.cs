using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rampart.Core.Service;
using Rampart.Server.Api;
using Rampart.Server.Access;
using Rampart.Server.Access.Api;
using Rampart.Server.Deployments;
using Rampart.Server.Health;
using Rampart.Server.Metrics;
using Rampart.Server.Orchestration;
using Rampart.Server.Runners;
using Rampart.Server.Triggers;
using Rampart.Server.Webhooks;
using Rampart.Server.WebUi;

namespace Rampart.Server.Hosting;

/// <summary>Builds the service's web application: Kestrel limits, services, and every endpoint group.</summary>
public static class ServerApp
{
    public static WebApplication Build(ServerOptions options, ServerWiring wiring, ServiceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wiring);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(wiring);
        services.AddSingleton(database);
        services.AddSingleton(wiring.Time);
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(new JobSignals(database.Replicas));
        services.AddSingleton<RunOrchestrator>();
        services.AddSingleton<ITriggerSink, RunCoordinator>();
        services.AddSingleton<RunnerJobs>();
        services.AddSingleton<DeployGate>();
        services.AddSingleton<WebUi.Deploys.IDeployBoard, DeployBoard>();
        services.AddSingleton(new GitOpsWriter(new GitOpsSigningKey(options.StateDirectory), wiring.Artifacts, Path.Combine(wiring.CacheDirectory, "gitops")));
        services.AddHostedService<QueueMaintenance>();
        services.AddHostedService<ReplicaSignalListener>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddRampartAccess();
        services.AddWebUi(options.StateDirectory);
        services.AddHostedService(provider => new RepositoryPoller(database.Repositories, provider.GetRequiredService<ITriggerSink>(),
            options.StateDirectory, wiring.Time, provider.GetRequiredService<ILogger<RepositoryPoller>>()));

        var app = builder.Build();
        app.UseRampartAccess();
        app.MapWebUi();
        app.MapHealth();
        app.MapMetrics();
        app.MapRunnerProtocol();
        app.MapRepositoryApi();
        app.MapRunApi();
        app.MapRunnerAdminApi();
        app.MapEnvironmentApi();
        if (wiring.Oidc is { } oidc)
        {
            foreach (var document in new[] { "/.well-known/openid-configuration", "/.well-known/jwks" })
            {
                app.MapGet(document, (Microsoft.AspNetCore.Http.HttpContext context) =>
                {
                    var (status, body) = oidc(context.Request.Method, context.Request.Path.Value ?? "");
                    context.Response.Headers.CacheControl = status == 200 ? "public, max-age=60" : "no-store";
                    return status == 200
                        ? Microsoft.AspNetCore.Http.Results.Bytes(body, "application/json")
                        : Microsoft.AspNetCore.Http.Results.StatusCode(status);
                });
            }
        }

        app.MapWebhooks();
        app.MapAccessApi();
        return app;
    }
}
