using Rampart.Core.Service;

namespace Rampart.Server.Access;

/// <summary>
/// The authenticated user of a request, with the roles they held when the request began.
/// A user's rights on a repository are the union of what their binding there and their binding on
/// every repository (<c>*</c>) grant: the highest right wins, so a narrower binding never takes
/// away what <c>*</c> gives. Admin users hold every permission everywhere.
/// </summary>
public sealed record Caller(UserRecord User, long TokenId, IReadOnlyList<RoleBinding> Roles)
{
    public string Name => User.Name;

    /// <param name="permission">What is asked.</param>
    /// <param name="repository"><c>OWNER/REPO</c>, or null for a question about every repository
    /// (then only <c>*</c> bindings count). Server-wide permissions ignore it and need a <c>*</c> binding.</param>
    public bool Can(Permission permission, string? repository)
    {
        if (User.IsAdmin)
            return true;
        if (RolePermissions.IsServerWide(permission) || repository == RoleBinding.AllRepositories)
            repository = null;
        foreach (var binding in Roles)
        {
            var applies = binding.Repository == RoleBinding.AllRepositories
                || (repository is not null && string.Equals(binding.Repository, repository, StringComparison.Ordinal));
            if (applies && RolePermissions.Grants(binding.Role, permission))
                return true;
        }

        return false;
    }
}
