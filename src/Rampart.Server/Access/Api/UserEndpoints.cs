using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Access.Api;

/// <summary><c>/api/v1/users</c>: create, list, disable and make admin (ManageUsers); <c>/users/me</c> for anyone signed in.</summary>
internal static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users/me", Me);
        api.MapGet("/users", List);
        api.MapPost("/users", Create);
        api.MapPatch("/users/{name}", Update);
        PasswordEndpoints.Map(api);
    }

    private static IResult Me(HttpContext context)
    {
        if (context.GetCaller() is not { } caller)
            return AccessErrors.Unauthorized();
        return Results.Json(new MeView(caller.User.Id, caller.Name, caller.User.IsAdmin, caller.TokenId, [.. caller.Roles.Select(r => RoleView.Of(caller.Name, r))]));
    }

    private static async Task<IResult> List(HttpContext context, ServiceDatabase database, CancellationToken ct)
    {
        if (AccessCheck.Deny(context, Permission.ManageUsers, null) is { } denied)
            return denied;
        var users = await database.Access.ListUsersAsync(ct).ConfigureAwait(false);
        return Results.Json(users.Select(UserView.Of).ToList());
    }

    private static async Task<IResult> Create(HttpContext context, CreateUserRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        if (AccessCheck.Deny(context, Permission.ManageUsers, null) is { } denied)
            return denied;
        if (body?.Name is not { } name || !AccessNames.IsValidUser(name))
            return AccessErrors.BadRequest($"user name '{body?.Name}' is not valid: {AccessNames.UserRule}");
        UserRecord user;
        try
        {
            user = await database.Access.CreateUserAsync(new UserRecord { Name = name, IsAdmin = body.Admin, CreatedAt = wiring.Time.GetUtcNow() }, ct).ConfigureAwait(false);
        }
        catch (ServiceStoreConflictException)
        {
            return AccessErrors.Conflict($"user '{name}' already exists");
        }

        await AccessAudit.RecordAsync(wiring.Audit, context.GetCaller()!.Name, user.Name, "user.created", ct, ("admin", user.IsAdmin ? "true" : "false")).ConfigureAwait(false);
        return Results.Json(UserView.Of(user), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Update(HttpContext context, string name, UpdateUserRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        if (AccessCheck.Deny(context, Permission.ManageUsers, null) is { } denied)
            return denied;
        if (body is null || (body.Disabled is null && body.Admin is null))
            return AccessErrors.BadRequest("nothing to change: send {\"disabled\": true|false} and/or {\"admin\": true|false}");
        var user = await database.Access.FindUserAsync(name, ct).ConfigureAwait(false);
        if (user is null)
            return AccessErrors.NotFound($"user '{name}': no such user");

        var updated = user with { Disabled = body.Disabled ?? user.Disabled, IsAdmin = body.Admin ?? user.IsAdmin };
        if (user.IsAdmin && !user.Disabled && (!updated.IsAdmin || updated.Disabled))
        {
            var users = await database.Access.ListUsersAsync(ct).ConfigureAwait(false);
            if (!users.Any(u => u.Id != user.Id && u.IsAdmin && !u.Disabled))
                return AccessErrors.Conflict($"user '{name}' is the last enabled admin; make another admin first");
        }

        await database.Access.UpdateUserAsync(updated, ct).ConfigureAwait(false);
        var actor = context.GetCaller()!.Name;
        if (updated.Disabled != user.Disabled)
            await AccessAudit.RecordAsync(wiring.Audit, actor, user.Name, updated.Disabled ? "user.disabled" : "user.enabled", ct).ConfigureAwait(false);
        if (updated.IsAdmin != user.IsAdmin)
            await AccessAudit.RecordAsync(wiring.Audit, actor, user.Name, updated.IsAdmin ? "admin.granted" : "admin.revoked", ct).ConfigureAwait(false);
        return Results.Json(UserView.Of(updated));
    }
}
