namespace Rampart.Server.WebUi.Deploys;

/// <summary>One deploy in an environment's history; <c>Status</c> is queued, waiting, approved, rejected, running, succeeded, failed or superseded.</summary>
public sealed record DeploymentView(long RunId, string Repository, string Environment, string Commit, string Status,
    string? Digest, IReadOnlyList<string> ApprovedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
