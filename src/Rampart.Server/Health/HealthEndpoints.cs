using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;

namespace Rampart.Server.Health;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database answers too.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (ServiceDatabase database, CancellationToken cancellationToken) =>
        {
            try
            {
                await database.Queue.CountAsync(cancellationToken).ConfigureAwait(false);
                return Results.Text("ready\n");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text($"not ready: database: {e.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
