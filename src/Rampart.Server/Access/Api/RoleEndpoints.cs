using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Access.Api;

/// <summary>
/// Roles: <c>/api/v1/repositories/{owner}/{repo}/roles[/{user}]</c> for one repository (ManageUsers
/// there), <c>/api/v1/roles/{user}</c> for every repository (ManageUsers everywhere), and
/// <c>/api/v1/users/{name}/roles</c> to read one user's bindings (themselves, or ManageUsers).
/// </summary>
internal static class RoleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/repositories/{owner}/{repo}/roles", ListRepository);
        api.MapPut("/repositories/{owner}/{repo}/roles/{user}", (HttpContext context, string owner, string repo, string user, SetRoleRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct) =>
            SetAsync(context, owner + "/" + repo, user, body, database, wiring, ct));
        api.MapDelete("/repositories/{owner}/{repo}/roles/{user}", (HttpContext context, string owner, string repo, string user, ServiceDatabase database, ServerWiring wiring, CancellationToken ct) =>
            RemoveAsync(context, owner + "/" + repo, user, database, wiring, ct));
        api.MapPut("/roles/{user}", (HttpContext context, string user, SetRoleRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct) =>
            SetAsync(context, RoleBinding.AllRepositories, user, body, database, wiring, ct));
        api.MapDelete("/roles/{user}", (HttpContext context, string user, ServiceDatabase database, ServerWiring wiring, CancellationToken ct) =>
            RemoveAsync(context, RoleBinding.AllRepositories, user, database, wiring, ct));
        api.MapGet("/users/{name}/roles", ListUser);
    }

    private static async Task<IResult> SetAsync(HttpContext context, string repository, string userName, SetRoleRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        if (Refuse(context, repository) is { } refused)
            return refused;
        if (!RoleNames.TryParse(body?.Role, out var role))
            return AccessErrors.BadRequest($"role '{body?.Role}' is not valid; allowed: {RoleNames.AllowedRoles}");
        var user = await database.Access.FindUserAsync(userName, ct).ConfigureAwait(false);
        if (user is null)
            return AccessErrors.NotFound($"user '{userName}': no such user");

        var old = (await database.Access.ListRolesAsync(user.Id, ct).ConfigureAwait(false)).FirstOrDefault(b => b.Repository == repository);
        if (old?.Role != role)
        {
            await database.Access.SetRoleAsync(new RoleBinding(user.Id, repository, role), ct).ConfigureAwait(false);
            await AccessAudit.RecordAsync(wiring.Audit, context.GetCaller()!.Name, user.Name, "role.set", ct,
                ("repository", repository), ("old_role", old is null ? "none" : RoleNames.Name(old.Role)), ("new_role", RoleNames.Name(role))).ConfigureAwait(false);
        }

        return Results.Json(new RoleView(user.Name, repository, RoleNames.Name(role)));
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string repository, string userName, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        if (Refuse(context, repository) is { } refused)
            return refused;
        var user = await database.Access.FindUserAsync(userName, ct).ConfigureAwait(false);
        if (user is null)
            return AccessErrors.NotFound($"user '{userName}': no such user");
        var old = (await database.Access.ListRolesAsync(user.Id, ct).ConfigureAwait(false)).FirstOrDefault(b => b.Repository == repository);
        if (old is null || !await database.Access.RemoveRoleAsync(user.Id, repository, ct).ConfigureAwait(false))
            return AccessErrors.NotFound($"user '{user.Name}' has no role on {repository}");
        await AccessAudit.RecordAsync(wiring.Audit, context.GetCaller()!.Name, user.Name, "role.removed", ct,
            ("repository", repository), ("old_role", RoleNames.Name(old.Role)), ("new_role", "none")).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ListRepository(HttpContext context, string owner, string repo, ServiceDatabase database, CancellationToken ct)
    {
        var repository = owner + "/" + repo;
        if (Refuse(context, repository) is { } refused)
            return refused;
        var roles = new List<RoleView>();
        foreach (var user in await database.Access.ListUsersAsync(ct).ConfigureAwait(false))
        {
            foreach (var binding in await database.Access.ListRolesAsync(user.Id, ct).ConfigureAwait(false))
            {
                if (binding.Repository == repository || binding.Repository == RoleBinding.AllRepositories)
                    roles.Add(RoleView.Of(user.Name, binding));
            }
        }

        return Results.Json(roles);
    }

    private static async Task<IResult> ListUser(HttpContext context, string name, ServiceDatabase database, CancellationToken ct)
    {
        if (context.GetCaller() is not { } caller)
            return AccessErrors.Unauthorized();
        var self = name == AccessNames.Me || string.Equals(name, caller.Name, StringComparison.Ordinal);
        if (!self && AccessCheck.Deny(context, Permission.ManageUsers, null) is { } denied)
            return denied;
        var user = self ? caller.User : await database.Access.FindUserAsync(name, ct).ConfigureAwait(false);
        if (user is null)
            return AccessErrors.NotFound($"user '{name}': no such user");
        var roles = await database.Access.ListRolesAsync(user.Id, ct).ConfigureAwait(false);
        return Results.Json(roles.Select(r => RoleView.Of(user.Name, r)).ToList());
    }

    /// <summary>The permission check first (so nothing about users leaks to those who may not ask), then the name's shape.</summary>
    private static IResult? Refuse(HttpContext context, string repository)
    {
        var scope = repository == RoleBinding.AllRepositories ? null : repository;
        if (AccessCheck.Deny(context, Permission.ManageUsers, scope) is { } denied)
            return denied;
        if (scope is not null && !AccessNames.IsValidRepository(scope[..scope.IndexOf('/', StringComparison.Ordinal)], scope[(scope.IndexOf('/', StringComparison.Ordinal) + 1)..]))
            return AccessErrors.BadRequest($"repository '{scope}' is not valid: OWNER/REPO with letters, digits, '.', '_' or '-'");
        return null;
    }
}
