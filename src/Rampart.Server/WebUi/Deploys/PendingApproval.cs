namespace Rampart.Server.WebUi.Deploys;

/// <summary>
/// A deploy of a run to an environment that waits for people: the user names that approved so far
/// (<c>Approvals</c>) of the <c>Required</c> number, and who triggered or authored the change
/// (<c>RequestedBy</c>: they cannot approve it when self-approval is prevented).
/// </summary>
public sealed record PendingApproval(long RunId, string Repository, string Environment, string Commit, string? RequestedBy,
    IReadOnlyList<string> Approvals, int Required, DateTimeOffset RequestedAt, DateTimeOffset? WaitUntil);
