using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Access;

/// <summary>The one check every protected endpoint makes before doing anything.</summary>
public static class AccessCheck
{
    /// <summary>
    /// Null when the request's caller holds <paramref name="permission"/> on
    /// <paramref name="repository"/> (<c>OWNER/REPO</c>; null means every repository); otherwise the
    /// refusal to return: 401 when nobody is signed in, 403 naming the missing permission.
    /// </summary>
    /// <example><c>if (AccessCheck.Deny(context, Permission.StartRuns, name) is { } denied) return denied;</c></example>
    public static IResult? Deny(HttpContext context, Permission permission, string? repository)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetCaller();
        if (caller is null)
            return AccessErrors.Unauthorized();
        if (caller.Can(permission, repository))
            return null;
        var scope = RolePermissions.IsServerWide(permission) || repository is null ? "every repository" : repository;
        return AccessErrors.Error(StatusCodes.Status403Forbidden, $"forbidden: user '{caller.Name}' lacks permission {RoleNames.Name(permission)} on {scope}");
    }
}
