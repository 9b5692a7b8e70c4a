namespace Rampart.Core.Deploy;

/// <summary>
/// The host's rules before a deploy job (approvals, wait timer, allowed branches, one deployment per
/// environment). The engine awaits <see cref="AdmitAsync"/> before it re-verifies signatures and
/// provenance, and calls <see cref="FinishedAsync"/> once the job has an outcome, admitted or not.
/// </summary>
public interface IDeployGate
{
    /// <summary>Waits until the job may run (null) or returns the one-line reason it may not.</summary>
    Task<string?> AdmitAsync(DeployGateRequest request, CancellationToken cancellationToken);

    /// <summary>Records the job's outcome and frees the environment for the next deployment.</summary>
    Task FinishedAsync(DeployGateRequest request, bool succeeded, string? error, CancellationToken cancellationToken);
}
