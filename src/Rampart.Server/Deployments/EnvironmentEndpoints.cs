using System.Globalization;
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

/// <summary>Environments (their rules) and the deploy requests made to them.</summary>
internal static class EnvironmentEndpoints
{
    public static void MapEnvironmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/repositories/{owner}/{repo}/environments/{name}", async (HttpContext context, string owner, string repo, string name,
            EnvironmentSettings body, ServiceDatabase database, ServerWiring wiring) =>
        {
            var repositoryName = owner + "/" + repo;
            if (AccessCheck.Deny(context, Permission.ManageRepository, repositoryName) is { } denied)
                return denied;
            if (await database.Repositories.FindRepositoryAsync(repositoryName, context.RequestAborted).ConfigureAwait(false) is not { } repository)
                return ApiErrors.NotFound($"repository '{repositoryName}' is not registered");
            var users = (await database.Access.ListUsersAsync(context.RequestAborted).ConfigureAwait(false)).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
            var (record, error) = EnvironmentValidation.Build(repository.Id, name, body, users, wiring.Time.GetUtcNow(), context.GetCaller()!.Name);
            if (record is null)
                return ApiErrors.BadRequest(error!);
            var previous = await database.Deployments.GetEnvironmentAsync(repository.Id, name, CancellationToken.None).ConfigureAwait(false);
            await database.Deployments.SaveEnvironmentAsync(record, CancellationToken.None).ConfigureAwait(false);
            await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.ConfigChanged, ApiCaller.Name(context), $"repository/{repository.Name}/environment/{name}", new Dictionary<string, string>
            {
                ["setting"] = "environment", ["action"] = previous is null ? "created" : "changed", ["environment"] = name,
                ["approvers"] = string.Join(',', record.Approvers), ["approver_role"] = record.ApproverRole?.ToString().ToLowerInvariant() ?? "",
                ["required_approvals"] = record.RequiredApprovals.ToString(CultureInfo.InvariantCulture),
                ["prevent_self_approval"] = record.PreventSelfApproval ? "true" : "false",
                ["wait_timer_seconds"] = record.WaitTimerSeconds.ToString(CultureInfo.InvariantCulture),
                ["branches"] = string.Join(',', record.Branches), ["gitops_repository"] = record.GitOps?.Repository ?? "",
            }), CancellationToken.None).ConfigureAwait(false);
            return Results.Json(EnvironmentView.Of(repository.Name, record), ProtocolJson.Options, statusCode: previous is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        app.MapGet("/api/v1/repositories/{owner}/{repo}/environments", async (HttpContext context, string owner, string repo, ServiceDatabase database) =>
        {
            var repositoryName = owner + "/" + repo;
            if (AccessCheck.Deny(context, Permission.ReadRuns, repositoryName) is { } denied)
                return denied;
            if (await database.Repositories.FindRepositoryAsync(repositoryName, context.RequestAborted).ConfigureAwait(false) is not { } repository)
                return ApiErrors.NotFound($"repository '{repositoryName}' is not registered");
            var environments = await database.Deployments.ListEnvironmentsAsync(repository.Id, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(environments.Select(e => EnvironmentView.Of(repository.Name, e)), ProtocolJson.Options);
        });

        app.MapGet("/api/v1/repositories/{owner}/{repo}/environments/{name}", async (HttpContext context, string owner, string repo, string name, ServiceDatabase database) =>
        {
            var repositoryName = owner + "/" + repo;
            if (AccessCheck.Deny(context, Permission.ReadRuns, repositoryName) is { } denied)
                return denied;
            if (await database.Repositories.FindRepositoryAsync(repositoryName, context.RequestAborted).ConfigureAwait(false) is not { } repository)
                return ApiErrors.NotFound($"repository '{repositoryName}' is not registered");
            return await database.Deployments.GetEnvironmentAsync(repository.Id, name, context.RequestAborted).ConfigureAwait(false) is { } environment
                ? Results.Json(EnvironmentView.Of(repository.Name, environment), ProtocolJson.Options)
                : ApiErrors.NotFound($"environment '{name}' is not configured for {repository.Name}");
        });

        app.MapGet("/api/v1/repositories/{owner}/{repo}/deployments", async (HttpContext context, string owner, string repo, string? environment, string? state,
            int? limit, ServiceDatabase database) =>
        {
            var repositoryName = owner + "/" + repo;
            if (AccessCheck.Deny(context, Permission.ReadRuns, repositoryName) is { } denied)
                return denied;
            if (await database.Repositories.FindRepositoryAsync(repositoryName, context.RequestAborted).ConfigureAwait(false) is not { } repository)
                return ApiErrors.NotFound($"repository '{repositoryName}' is not registered");
            DeploymentState? wanted = null;
            if (state is not null)
            {
                if (!Enum.TryParse<DeploymentState>(state, ignoreCase: true, out var parsed) || state.Any(char.IsDigit))
                    return ApiErrors.BadRequest($"state: '{state}' is not one of {string.Join(", ", Enum.GetNames<DeploymentState>().Select(n => n.ToLowerInvariant()))}");
                wanted = parsed;
            }

            var deployments = await database.Deployments.ListDeploymentsAsync(repository.Id, environment, null, Math.Clamp(limit ?? 50, 1, 500), context.RequestAborted).ConfigureAwait(false);
            return Results.Json(await ViewsAsync(database, deployments.Where(d => wanted is null || d.State == wanted), context.RequestAborted).ConfigureAwait(false), ProtocolJson.Options);
        });

        app.MapGet("/api/v1/runs/{id:long}/deployments", async (HttpContext context, long id, ServiceDatabase database) =>
        {
            if (await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } details)
                return ApiErrors.NotFound($"run {id} does not exist");
            if (AccessCheck.Deny(context, Permission.ReadRuns, details.Run.Repository) is { } denied)
                return denied;
            if (await database.Triggers.GetTriggerAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } trigger)
                return Results.Json(Array.Empty<DeploymentView>(), ProtocolJson.Options);
            var deployments = await database.Deployments.ListDeploymentsAsync(trigger.RepositoryId, null, id, 100, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(await ViewsAsync(database, deployments, context.RequestAborted).ConfigureAwait(false), ProtocolJson.Options);
        });

        app.MapGet("/api/v1/gitops/signing-key", async (HttpContext context, ServerOptions options) =>
        {
            if (context.GetCaller() is null)
                return AccessErrors.Unauthorized();
            try
            {
                var (publicKey, allowedSigners) = await new GitOpsSigningKey(options.StateDirectory).DescribeAsync(context.RequestAborted).ConfigureAwait(false);
                return Results.Json(new { principal = GitOpsSigningKey.Principal, publicKey, allowedSigners }, ProtocolJson.Options);
            }
            catch (GitOpsException e)
            {
                return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status500InternalServerError);
            }
        });

        app.MapApprovalApi();
    }

    internal static async Task<List<DeploymentView>> ViewsAsync(ServiceDatabase database, IEnumerable<DeploymentRecord> deployments, CancellationToken cancellationToken)
    {
        var views = new List<DeploymentView>();
        var environments = new Dictionary<(long, string), EnvironmentRecord?>();
        foreach (var deployment in deployments)
        {
            var key = (deployment.RepositoryId, deployment.Environment);
            if (!environments.TryGetValue(key, out var environment))
                environments[key] = environment = await database.Deployments.GetEnvironmentAsync(deployment.RepositoryId, deployment.Environment, cancellationToken).ConfigureAwait(false);
            var approvals = await database.Deployments.ListApprovalsAsync(deployment.RunId, deployment.Environment, cancellationToken).ConfigureAwait(false);
            views.Add(DeploymentView.Of(deployment, environment, approvals));
        }

        return views;
    }
}
