using Rampart.Core.Service.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Audit;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Hosting;
using Rampart.Server.Runners;

namespace Rampart.Server.Api;

/// <summary>Admins make one-time registration tokens, list runners and remove them.</summary>
internal static class RunnerAdminEndpoints
{
    public static void MapRunnerAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/runners/registration-tokens", async (HttpContext context, ServiceDatabase database, ServerWiring wiring, int? hours) =>
        {
            if (AccessCheck.Deny(context, Permission.ManageRunners, null) is { } denied)
                return denied;
            var now = wiring.Time.GetUtcNow();
            var token = RunnerSecrets.New(RunnerSecrets.RegistrationPrefix);
            var expires = now.AddHours(Math.Clamp(hours ?? 24, 1, 24 * 30));
            await database.Runners.AddRegistrationTokenAsync(new RegistrationTokenRecord { Hash = RunnerSecrets.Hash(token), CreatedAt = now, ExpiresAt = expires }, context.RequestAborted).ConfigureAwait(false);
            await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.RunnerChanged, ApiCaller.Name(context), "runner-registration", new Dictionary<string, string>
            {
                ["action"] = "token-created", ["expires_at"] = expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }), CancellationToken.None).ConfigureAwait(false);
            return Results.Json(new { token, expiresAt = expires }, ProtocolJson.Options, statusCode: StatusCodes.Status201Created);
        });

        app.MapGet("/api/v1/runners", async (HttpContext context, ServiceDatabase database) =>
        {
            if (AccessCheck.Deny(context, Permission.ManageRunners, null) is { } denied)
                return denied;
            var runners = await database.Runners.ListRunnersAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(runners.Select(r => new { r.Id, r.Name, r.Labels, r.Ephemeral, r.RegisteredAt, r.LastSeenAt }), ProtocolJson.Options);
        });

        app.MapDelete("/api/v1/runners/{id:long}", async (HttpContext context, ServiceDatabase database, ServerWiring wiring, long id) =>
        {
            if (AccessCheck.Deny(context, Permission.ManageRunners, null) is { } denied)
                return denied;
            if (!await database.Runners.RemoveRunnerAsync(id, context.RequestAborted).ConfigureAwait(false))
                return ApiErrors.NotFound($"runner {id} does not exist");
            await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.RunnerChanged, ApiCaller.Name(context), $"runner/{id}", new Dictionary<string, string>
            {
                ["action"] = "removed",
            }), CancellationToken.None).ConfigureAwait(false);
            return Results.NoContent();
        });
    }
}
