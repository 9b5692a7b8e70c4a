namespace Rampart.Server.WebUi.Deploys;

/// <summary>
/// What the web UI reads of environments and deploys. The deployments control implements it and
/// registers it in the service container; without it the approvals and environments pages say that
/// deploys are not set up. Decisions are not made through this: the pages' forms post to
/// <c>/api/v1/runs/{id}/environments/{env}/approve|reject</c>, which apply the rules (four-eyes, roles).
/// </summary>
public interface IDeployBoard
{
    /// <summary>Deploys waiting for approval, oldest first.</summary>
    Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<EnvironmentView>> ListEnvironmentsAsync(CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="environment"/> null for every environment.</summary>
    Task<IReadOnlyList<DeploymentView>> ListDeploymentsAsync(string? repository, string? environment, int limit, CancellationToken cancellationToken);
}
