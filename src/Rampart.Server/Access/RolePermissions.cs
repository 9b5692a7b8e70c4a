using Rampart.Core.Service;

namespace Rampart.Server.Access;

/// <summary>
/// Which role grants which permission. Roles form a chain Viewer → Developer → Maintainer → Admin,
/// each adding rights; Deployer sits beside it and adds only deploy approval to Viewer, so those who
/// merge code are not, by their role alone, those who deploy it (and deployers cannot change the code
/// or settings they deploy).
/// </summary>
public static class RolePermissions
{
    private static readonly Permission[] ViewerRights = [Permission.ReadRuns, Permission.ReadLedger];
    private static readonly Permission[] DeveloperRights = [.. ViewerRights, Permission.StartRuns, Permission.CancelRuns];
    private static readonly Permission[] MaintainerRights = [.. DeveloperRights, Permission.ManageRepository, Permission.ManageSecrets];
    private static readonly Permission[] DeployerRights = [.. ViewerRights, Permission.ApproveDeploy];

    /// <summary>Permissions that concern the whole server; only a binding on every repository (<c>*</c>) can grant them.</summary>
    public static bool IsServerWide(Permission permission) => permission is Permission.ManageRunners or Permission.ReadLedger;

    public static IReadOnlyList<Permission> Of(Role role) => role switch
    {
        Role.Viewer => ViewerRights,
        Role.Developer => DeveloperRights,
        Role.Maintainer => MaintainerRights,
        Role.Deployer => DeployerRights,
        Role.Admin => Enum.GetValues<Permission>(),
        _ => [],
    };

    public static bool Grants(Role role, Permission permission) => Of(role).Contains(permission);
}
