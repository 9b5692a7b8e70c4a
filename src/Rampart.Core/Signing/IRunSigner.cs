namespace Rampart.Core.Signing;

/// <summary>
/// Signs a finished run in the engine's process, with a key no step can reach: each artifact gets
/// a signature, the run gets SLSA provenance (and SBOM attestations when an SBOM was produced).
/// The engine calls it only after every job succeeded and the gate passed (invariant I3).
/// </summary>
public interface IRunSigner
{
    /// <summary>Writes the bundles and returns what was written; throws when the run cannot be signed.</summary>
    Task<IReadOnlyList<AttestationRecord>> SignRunAsync(RunSigningRequest request, CancellationToken cancellationToken);
}
