namespace Rampart.Core.Service;

/// <summary>
/// What a user may do on a repository. Each role holds the rights of the ones before it except
/// <see cref="Deployer"/>, which only adds deploy approval to <see cref="Viewer"/>: those who merge
/// code are not, by their role alone, those who deploy it.
/// </summary>
public enum Role
{
    /// <summary>Reads runs, logs, findings and artifacts.</summary>
    Viewer,

    /// <summary>Viewer, plus starts and cancels runs.</summary>
    Developer,

    /// <summary>Developer, plus repository settings, secrets by name and webhooks.</summary>
    Maintainer,

    /// <summary>Viewer, plus approves and runs deploys to environments.</summary>
    Deployer,

    /// <summary>Everything, including users, roles and runners.</summary>
    Admin,
}
