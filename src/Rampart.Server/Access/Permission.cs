using System.Diagnostics.CodeAnalysis;

namespace Rampart.Server.Access;

/// <summary>
/// What an endpoint asks of its caller. <see cref="RolePermissions"/> says which roles grant each one;
/// <see cref="AccessCheck"/> checks it for a repository.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A permission is the domain word; the rule targets CAS permission classes.")]
public enum Permission
{
    /// <summary>Read runs, logs, findings and artifacts.</summary>
    ReadRuns,

    /// <summary>Start a run (manual trigger).</summary>
    StartRuns,

    CancelRuns,

    /// <summary>Change a repository's settings and webhooks.</summary>
    ManageRepository,

    /// <summary>Set and delete secrets (by name; values are never read back).</summary>
    ManageSecrets,

    /// <summary>Approve or refuse a deploy to an environment.</summary>
    ApproveDeploy,

    /// <summary>Users, tokens of other users, and roles (on one repository when bound there).</summary>
    ManageUsers,

    /// <summary>Register and remove runners (server-wide).</summary>
    ManageRunners,

    /// <summary>Read the ledger (server-wide: it holds events of every repository).</summary>
    ReadLedger,
}
