namespace Rampart.Server.WebUi.Deploys;

/// <summary>An environment's rules as the UI shows them.</summary>
public sealed record EnvironmentView(string Repository, string Name, IReadOnlyList<string> Approvers, int RequiredApprovals,
    bool PreventSelfApproval, TimeSpan? WaitTimer, IReadOnlyList<string> AllowedBranches, string? Locked);
