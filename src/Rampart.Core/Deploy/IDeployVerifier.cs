namespace Rampart.Core.Deploy;

/// <summary>
/// Re-verifies, at deploy time and from what is stored (not from what the run remembers), that
/// every artifact's signature holds, that signed provenance names each artifact's digest, and that
/// it was made by this builder from the expected repository and ref (invariant I4).
/// </summary>
public interface IDeployVerifier
{
    Task<DeployVerification> VerifyAsync(DeployVerificationRequest request, CancellationToken cancellationToken);
}
