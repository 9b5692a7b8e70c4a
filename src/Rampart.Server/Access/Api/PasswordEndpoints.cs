using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Access.Api;

/// <summary>
/// <c>PUT /api/v1/users/{name}/password</c>: sets the password people sign in to the web UI with.
/// Users with manage-users may set anyone's; others only their own, proving the current one when they
/// have one (a leaked API token alone cannot take over the browser login). Setting a password signs
/// out every browser session of that user. The ledger records that it changed, never the hash.
/// </summary>
internal static class PasswordEndpoints
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    public static void Map(RouteGroupBuilder api) => api.MapPut("/users/{name}/password", SetAsync);

    private static async Task<IResult> SetAsync(HttpContext context, string name, SetPasswordRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        if (context.GetCaller() is not { } caller)
            return AccessErrors.Unauthorized();
        var self = string.Equals(caller.Name, name, StringComparison.Ordinal);
        var manager = caller.Can(Permission.ManageUsers, null);
        if (!self && !manager)
            return AccessErrors.Error(StatusCodes.Status403Forbidden, $"forbidden: user '{caller.Name}' may set only their own password (setting others' needs {RoleNames.Name(Permission.ManageUsers)})");
        if (body?.Password is not { } password || password.Length is < MinLength or > MaxLength)
            return AccessErrors.BadRequest($"password: {MinLength} to {MaxLength} characters");
        var user = await database.Access.FindUserAsync(name, ct).ConfigureAwait(false);
        if (user is null)
            return AccessErrors.NotFound($"user '{name}': no such user");
        if (self && !manager && user.PasswordHash is { } current && !PasswordHasher.Verify(body.CurrentPassword ?? "", current))
            return AccessErrors.Error(StatusCodes.Status403Forbidden, "currentPassword: does not match; send the current password to change your own");

        await database.Access.UpdateUserAsync(user with { PasswordHash = PasswordHasher.Hash(password) }, ct).ConfigureAwait(false);
        await AccessAudit.RecordAsync(wiring.Audit, caller.Name, user.Name, "password.set", ct).ConfigureAwait(false);
        return Results.NoContent();
    }
}
