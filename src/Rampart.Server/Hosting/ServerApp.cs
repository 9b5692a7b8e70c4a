using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Access.Api;
using Rampart.Server.Health;
using Rampart.Server.Metrics;

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
        services.AddRampartAccess();

        var app = builder.Build();
        app.UseRampartAccess();
        app.MapHealth();
        app.MapMetrics();
        app.MapAccessApi();
        return app;
    }
}
