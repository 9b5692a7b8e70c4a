using Rampart.Core.Service;

namespace Rampart.Server.Deployments;

/// <summary>The body of <c>PUT …/environments/{name}</c>; missing fields take their defaults (the call replaces every rule).</summary>
internal sealed record EnvironmentSettings(
    IReadOnlyList<string>? Approvers,
    string? ApproverRole,
    int? RequiredApprovals,
    bool? PreventSelfApproval,
    int? WaitTimerSeconds,
    IReadOnlyList<string>? Branches,
    bool? SupersedeQueued,
    GitOpsTarget? GitOps);
