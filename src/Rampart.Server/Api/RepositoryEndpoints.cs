using Rampart.Core.Service.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Audit;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Hosting;
using Rampart.Server.Triggers;

namespace Rampart.Server.Api;

/// <summary>Registering repositories and starting runs by hand.</summary>
internal static class RepositoryEndpoints
{
    public static void MapRepositoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/repositories", async (HttpContext context, ServiceDatabase database) =>
        {
            if (context.GetCaller() is null)
                return AccessCheck.Deny(context, Permission.ReadRuns, null)!;
            var all = await database.Repositories.ListRepositoriesAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(all.Where(r => AccessCheck.Deny(context, Permission.ReadRuns, r.Name) is null), ProtocolJson.Options);
        });

        app.MapPost("/api/v1/repositories", async (HttpContext context, RepositoryRegistration body, ServiceDatabase database, ServerWiring wiring) =>
        {
            if (AccessCheck.Deny(context, Permission.ManageRepository, null) is { } denied)
                return denied;
            if (!IsRepositoryName(body.Name))
                return ApiErrors.BadRequest($"name: '{body.Name}' is not OWNER/REPO");
            if (!IsCloneUrl(body.CloneUrl))
                return ApiErrors.BadRequest($"cloneUrl: '{body.CloneUrl}' is not an absolute path or an https://, http://, ssh:// or file:// URL");
            if (body.PollSeconds is < 0 or > 86_400)
                return ApiErrors.BadRequest("pollSeconds: 0 (off) to 86400");
            try
            {
                var added = await database.Repositories.AddRepositoryAsync(new RepositoryRecord
                {
                    Name = body.Name, CloneUrl = body.CloneUrl, DefaultBranch = body.DefaultBranch ?? "main",
                    ProtectedBranches = body.ProtectedBranches ?? [], PollSeconds = body.PollSeconds ?? 0, CreatedAt = wiring.Time.GetUtcNow(),
                }, context.RequestAborted).ConfigureAwait(false);
                await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.ConfigChanged, ApiCaller.Name(context), $"repository/{added.Name}", new Dictionary<string, string>
                {
                    ["setting"] = "repository", ["action"] = "registered", ["clone_url"] = added.CloneUrl,
                }), CancellationToken.None).ConfigureAwait(false);
                return Results.Json(added, ProtocolJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (ServiceStoreConflictException)
            {
                return ApiErrors.Conflict($"repository '{body.Name}' is already registered");
            }
        });

        app.MapPost("/api/v1/repositories/{owner}/{repo}/runs", async (HttpContext context, string owner, string repo, ManualRun body, ServiceDatabase database, ITriggerSink triggers, ServerWiring wiring) =>
        {
            var name = owner + "/" + repo;
            if (AccessCheck.Deny(context, Permission.StartRuns, name) is { } denied)
                return denied;
            var repository = await database.Repositories.FindRepositoryAsync(name, context.RequestAborted).ConfigureAwait(false);
            if (repository is null)
                return ApiErrors.NotFound($"repository '{name}' is not registered");
            var gitRef = body.Ref ?? "refs/heads/" + repository.DefaultBranch;
            var commit = body.Commit ?? await RemoteHeads.ResolveAsync(repository.CloneUrl, gitRef, context.RequestAborted).ConfigureAwait(false);
            if (commit is null)
                return ApiErrors.NotFound($"{gitRef}: not found in {repository.CloneUrl}");
            var result = await triggers.TriggerAsync(new TriggerRequest(name, commit, gitRef, "manual", Trusted: true, ApiCaller.Name(context), null), context.RequestAborted).ConfigureAwait(false);
            return result.RunId is { } runId
                ? Results.Json(new { runId, commit, @ref = gitRef }, ProtocolJson.Options, statusCode: StatusCodes.Status201Created)
                : ApiErrors.BadRequest(result.Refusal!);
        });
    }

    internal static bool IsRepositoryName(string? name) =>
        name is { Length: > 2 and <= 200 } && name.Split('/') is [{ Length: > 0 } owner, { Length: > 0 } repo]
        && (owner + repo).All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && owner[0] != '.' && repo[0] != '.';

    private static bool IsCloneUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && !url.StartsWith('-') && !url.Any(char.IsControl)
        && (Path.IsPathRooted(url) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "file");
}
