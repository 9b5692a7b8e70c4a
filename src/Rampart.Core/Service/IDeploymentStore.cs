namespace Rampart.Core.Service;

/// <summary>
/// Environments, deploy requests, approvals and one lock row per environment. The lock is taken
/// and released inside the database, so one deployment per environment holds across replicas.
/// </summary>
public interface IDeploymentStore
{
    /// <summary>Creates or replaces the environment (by repository and name).</summary>
    Task SaveEnvironmentAsync(EnvironmentRecord environment, CancellationToken cancellationToken);

    Task<EnvironmentRecord?> GetEnvironmentAsync(long repositoryId, string name, CancellationToken cancellationToken);

    /// <summary>By name.</summary>
    Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(long repositoryId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a deploy request for (run, job), or returns the one already recorded. With
    /// <paramref name="supersedeOlder"/>, every older request of the same environment still
    /// <see cref="DeploymentState.Waiting"/> for a different commit becomes
    /// <see cref="DeploymentState.Superseded"/> in the same transaction.
    /// </summary>
    Task<DeploymentRecord> RequestAsync(DeploymentRecord deployment, bool supersedeOlder, CancellationToken cancellationToken);

    Task<DeploymentRecord?> GetDeploymentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Newest first; null filters match everything.</summary>
    Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(long repositoryId, string? environment, long? runId, int limit, CancellationToken cancellationToken);

    /// <summary>Updates the detail of a waiting deployment; false when it is no longer waiting.</summary>
    Task<bool> SetWaitingDetailAsync(long id, string detail, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the environment's lock to the waiting deployment when nobody holds it and no older
    /// deployment of that environment still waits (strict order), and marks it deploying.
    /// </summary>
    Task<DeploymentStart> TryStartAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves a waiting or deploying deployment to a final state and frees the lock it held; false when already final.</summary>
    Task<bool> FinishAsync(long id, DeploymentState state, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a decision; false (and nothing stored) when that user already decided on that run's environment.</summary>
    Task<bool> AddApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken);

    /// <summary>In the order they were made.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListApprovalsAsync(long runId, string environment, CancellationToken cancellationToken);
}
