using Rampart.Core.Service.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Orchestration;

namespace Rampart.Server.Api;

/// <summary>Reading runs and their logs, and cancelling them.</summary>
internal static class RunEndpoints
{
    public static void MapRunApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs", async (HttpContext context, ServiceDatabase database, int? limit) =>
        {
            // Anyone signed in may list; each run shows only to those who may read its repository.
            if (context.GetCaller() is null)
                return AccessCheck.Deny(context, Permission.ReadRuns, null)!;
            var runs = await database.Runs.ListRunsAsync(Math.Clamp(limit ?? 50, 1, 500), context.RequestAborted).ConfigureAwait(false);
            return Results.Json(runs.Where(r => AccessCheck.Deny(context, Permission.ReadRuns, r.Repository) is null), ProtocolJson.Options);
        });

        app.MapGet("/api/v1/runs/{id:long}", async (HttpContext context, ServiceDatabase database, long id) =>
        {
            var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (details is null)
                return ApiErrors.NotFound($"run {id} does not exist");
            return AccessCheck.Deny(context, Permission.ReadRuns, details.Run.Repository) ?? Results.Json(details, ProtocolJson.Options);
        });

        app.MapGet("/api/v1/runs/{id:long}/logs/{job}/{step:int}", async (HttpContext context, ServiceDatabase database, long id, string job, int step, long? after) =>
        {
            var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (details is null)
                return ApiErrors.NotFound($"run {id} does not exist");
            if (AccessCheck.Deny(context, Permission.ReadRuns, details.Run.Repository) is { } denied)
                return denied;
            var chunks = await database.Logs.ReadLogAsync(id, job, step, after ?? 0, 1000, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(chunks, ProtocolJson.Options);
        });

        app.MapPost("/api/v1/runs/{id:long}/cancel", async (HttpContext context, ServiceDatabase database, RunOrchestrator orchestrator, TimeProvider time, long id) =>
        {
            var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (details is null)
                return ApiErrors.NotFound($"run {id} does not exist");
            if (AccessCheck.Deny(context, Permission.CancelRuns, details.Run.Repository) is { } denied)
                return denied;
            // Cancelling the queued jobs stops the run wherever it is carried; the carrying replica sees them cancelled.
            var jobs = await database.Queue.CancelRunAsync(id, "cancelled by " + ApiCaller.Name(context), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            var here = orchestrator.Cancel(id);
            return Results.Json(new { runId = id, cancelledJobs = jobs, carriedHere = here }, ProtocolJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
    }
}
