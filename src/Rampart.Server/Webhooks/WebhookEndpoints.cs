using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;
using Rampart.Server.Triggers;

namespace Rampart.Server.Webhooks;

/// <summary><c>POST /hooks/{provider}</c>: push and pull-request deliveries from git hosts (docs/webhooks.md).</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/hooks/{provider}", async (string provider, HttpContext context, [FromServices] ServiceDatabase database,
            [FromServices] ServerWiring wiring, [FromServices] ITriggerSink sink, [FromServices] ServerMetrics metrics, CancellationToken cancellationToken) =>
        {
            WebhookOutcome outcome;
            try
            {
                var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
                var intake = new WebhookIntake(database.Repositories, database.Deliveries, wiring.Secrets, sink, wiring.Time);
                outcome = await intake.ReceiveAsync(provider, context.Request.Headers, body, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e)
            {
                // Kestrel's body size limit (413) or a broken upload.
                outcome = new(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too_large" : "bad_request", e.Message);
            }

            metrics.RecordWebhook(outcome.Result);
            return Results.Json(new WebhookResponse(outcome.Result, outcome.Message, outcome.Runs, outcome.Refused), statusCode: outcome.Status);
        });

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and <= 1 << 20 ? (int)length : 64 * 1024);
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private sealed record WebhookResponse(string Result, string Message, IReadOnlyList<long> Runs, IReadOnlyList<string> Refused);
}
