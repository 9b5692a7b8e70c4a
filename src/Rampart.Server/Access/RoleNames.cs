using System.Diagnostics.CodeAnalysis;
using Rampart.Core.Service;

namespace Rampart.Server.Access;

/// <summary>Roles and permissions as the API and ledger spell them: lower-case words (<c>deployer</c>, <c>approve-deploy</c>).</summary>
public static class RoleNames
{
    public static string AllowedRoles { get; } = string.Join(", ", Enum.GetValues<Role>().Select(Name));

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    public static bool TryParse([NotNullWhen(true)] string? text, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    public static string Name(Permission permission) => permission switch
    {
        Permission.ReadRuns => "read-runs",
        Permission.StartRuns => "start-runs",
        Permission.CancelRuns => "cancel-runs",
        Permission.ManageRepository => "manage-repository",
        Permission.ManageSecrets => "manage-secrets",
        Permission.ApproveDeploy => "approve-deploy",
        Permission.ManageUsers => "manage-users",
        Permission.ManageRunners => "manage-runners",
        Permission.ReadLedger => "read-ledger",
        _ => permission.ToString(),
    };
}
