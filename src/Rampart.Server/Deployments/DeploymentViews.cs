using Rampart.Core.Service;

namespace Rampart.Server.Deployments;

/// <summary>An environment as the API shows it.</summary>
internal sealed record EnvironmentView(
    string Repository, string Name, IReadOnlyList<string> Approvers, string? ApproverRole, int RequiredApprovals, bool PreventSelfApproval,
    int WaitTimerSeconds, IReadOnlyList<string> Branches, bool SupersedeQueued, GitOpsTarget? GitOps, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    public static EnvironmentView Of(string repository, EnvironmentRecord e) => new(
        repository, e.Name, e.Approvers, e.ApproverRole?.ToString().ToLowerInvariant(), e.RequiredApprovals, e.PreventSelfApproval,
        e.WaitTimerSeconds, e.Branches, e.SupersedeQueued, e.GitOps, e.UpdatedAt, e.UpdatedBy);
}

/// <summary>One approval or rejection.</summary>
internal sealed record ApprovalView(string User, bool Approved, string? Comment, DateTimeOffset DecidedAt);

/// <summary>A deploy request with its approvals, as the API shows it.</summary>
internal sealed record DeploymentView(
    long Id, string Repository, string Environment, long RunId, string Job, string Commit, string Ref, string? Actor, string? Author,
    DeploymentState State, string? Detail, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int RequiredApprovals, IReadOnlyList<ApprovalView> Approvals)
{
    public static DeploymentView Of(DeploymentRecord d, EnvironmentRecord? environment, IReadOnlyList<ApprovalRecord> approvals) => new(
        d.Id, d.Repository, d.Environment, d.RunId, d.Job, d.Commit, d.Ref, d.Actor, d.Author, d.State, d.Detail, d.RequestedAt, d.StartedAt, d.FinishedAt,
        environment?.RequiredApprovals ?? 0, [.. approvals.Select(a => new ApprovalView(a.User, a.Approved, a.Comment, a.DecidedAt))]);
}

/// <summary>The body of approve and reject.</summary>
internal sealed record ApprovalDecision(string? Comment);
