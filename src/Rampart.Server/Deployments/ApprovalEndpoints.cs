using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Audit;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Server.Access;
using Rampart.Server.Api;
using Rampart.Server.Hosting;

namespace Rampart.Server.Deployments;

/// <summary>
/// Approving or rejecting a run's deploy to an environment. Each person decides once; the run's
/// trigger and the commit's author cannot approve it (unless the environment turns that off);
/// every decision goes to the ledger.
/// </summary>
internal static class ApprovalEndpoints
{
    private const int MaxComment = 1000;

    public static void MapApprovalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/runs/{id:long}/environments/{environment}/approve", (HttpContext context, long id, string environment, ApprovalDecision? body,
            ServiceDatabase database, ServerWiring wiring) => DecideAsync(context, id, environment, body, approved: true, database, wiring));
        app.MapPost("/api/v1/runs/{id:long}/environments/{environment}/reject", (HttpContext context, long id, string environment, ApprovalDecision? body,
            ServiceDatabase database, ServerWiring wiring) => DecideAsync(context, id, environment, body, approved: false, database, wiring));
    }

    private static async Task<IResult> DecideAsync(HttpContext context, long id, string environmentName, ApprovalDecision? body, bool approved,
        ServiceDatabase database, ServerWiring wiring)
    {
        if (await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } details)
            return ApiErrors.NotFound($"run {id} does not exist");
        if (AccessCheck.Deny(context, Permission.ApproveDeploy, details.Run.Repository) is { } denied)
            return denied;
        var caller = context.GetCaller()!;
        var comment = body?.Comment?.Trim();
        if (comment is { Length: > MaxComment } || comment?.Any(c => char.IsControl(c) && c != '\n') == true)
            return ApiErrors.BadRequest($"comment: at most {MaxComment} characters, no control characters");
        if (comment is { Length: 0 })
            comment = null;
        if (await database.Triggers.GetTriggerAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } trigger)
            return ApiErrors.NotFound($"run {id} was not started by this service");
        if (await database.Deployments.GetEnvironmentAsync(trigger.RepositoryId, environmentName, context.RequestAborted).ConfigureAwait(false) is not { } environment)
            return ApiErrors.NotFound($"environment '{environmentName}' is not configured for {details.Run.Repository}");
        var deployments = await database.Deployments.ListDeploymentsAsync(trigger.RepositoryId, environmentName, id, 100, context.RequestAborted).ConfigureAwait(false);
        if (deployments.FirstOrDefault(d => d.State == DeploymentState.Waiting) is not { } deployment)
        {
            var state = deployments.Count == 0 ? "no deploy job has asked yet" : $"{deployments[0].State.ToString().ToLowerInvariant()}: {deployments[0].Detail}";
            return ApiErrors.Conflict($"run {id} has no deploy to {environmentName} waiting ({state})");
        }

        if (approved && environment.PreventSelfApproval && DeployRules.SelfApproval(caller.Name, deployment) is { } self)
            return Forbidden(self);
        if (DeployRules.NotAnApprover(caller, environment, details.Run.Repository) is { } notApprover)
            return Forbidden(notApprover);

        var decision = new ApprovalRecord
        {
            RunId = id, Environment = environmentName, User = caller.Name, Approved = approved, Comment = comment, DecidedAt = wiring.Time.GetUtcNow(),
        };
        if (!await database.Deployments.AddApprovalAsync(decision, CancellationToken.None).ConfigureAwait(false))
            return ApiErrors.Conflict($"{caller.Name} already decided on run {id} for {environmentName}; each person's decision counts once");
        await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.ApprovalDecided, ApiCaller.Name(context), $"run/{id}/environment/{environmentName}", new Dictionary<string, string>
        {
            ["environment"] = environmentName, ["run"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["approver"] = caller.Name,
            ["decision"] = approved ? "approved" : "rejected", ["comment"] = comment ?? "", ["commit"] = deployment.Commit,
        }), CancellationToken.None).ConfigureAwait(false);

        var current = await database.Deployments.GetDeploymentAsync(deployment.Id, CancellationToken.None).ConfigureAwait(false) ?? deployment;
        var views = await EnvironmentEndpoints.ViewsAsync(database, [current], CancellationToken.None).ConfigureAwait(false);
        return Results.Json(views[0], ProtocolJson.Options);
    }

    private static IResult Forbidden(string message) => AccessErrors.Error(StatusCodes.Status403Forbidden, message);
}
