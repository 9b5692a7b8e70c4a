namespace Rampart.Core.Service;

/// <summary>
/// A deploy environment of one repository (<c>staging</c>, <c>production</c>) and the rules a
/// deploy job must pass before it runs there. Environment-scoped secrets live in the vault under
/// the environment's name and reach a runner only for a deploy job these rules admitted.
/// </summary>
public sealed record EnvironmentRecord
{
    public long RepositoryId { get; init; }
    public required string Name { get; init; }

    /// <summary>User names allowed to approve; empty with no <see cref="ApproverRole"/> means anyone with ApproveDeploy.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>Users holding this role on the repository (or on every repository) may approve too.</summary>
    public Role? ApproverRole { get; init; }

    /// <summary>Distinct approvals needed; 0 means no approval step.</summary>
    public int RequiredApprovals { get; init; }

    /// <summary>The run's trigger actor and the commit's author may not approve it.</summary>
    public bool PreventSelfApproval { get; init; } = true;

    /// <summary>Seconds to wait after the deploy was requested, 0 for none.</summary>
    public int WaitTimerSeconds { get; init; }

    /// <summary>Branch globs a deploy may come from; empty means every branch (tags and detached commits never match a non-empty list).</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];

    /// <summary>A newer commit's deploy request supersedes the older ones still waiting in this environment.</summary>
    public bool SupersedeQueued { get; init; } = true;

    /// <summary>Where verified manifests are committed after a successful deploy job, or null.</summary>
    public GitOpsTarget? GitOps { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    /// <summary>Element-wise equality for the lists (records compare lists by reference).</summary>
    public bool SameSettings(EnvironmentRecord other) =>
        other is not null && this with { Approvers = [], Branches = [] } == other with { Approvers = [], Branches = [] }
        && Approvers.SequenceEqual(other.Approvers, StringComparer.Ordinal) && Branches.SequenceEqual(other.Branches, StringComparer.Ordinal);
}
