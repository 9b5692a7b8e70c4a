using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Metrics;

internal static class MetricsEndpoint
{
    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (ServerMetrics metrics, ServiceDatabase database, ServerOptions options, ServerWiring wiring, CancellationToken cancellationToken) =>
            Results.Text(await metrics.RenderAsync(database, wiring.Time.GetUtcNow(), options.JobLease * 2, cancellationToken).ConfigureAwait(false),
                "text/plain; version=0.0.4; charset=utf-8"));
}
