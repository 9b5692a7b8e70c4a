namespace Rampart.Core.Signing;

public enum AttestationKind
{
    /// <summary>A signature over one artifact's bytes (Sigstore bundle, message signature).</summary>
    Signature = 0,

    /// <summary>SLSA v1 provenance over every artifact of the run (Sigstore bundle, DSSE).</summary>
    Provenance = 1,

    /// <summary>An SBOM as an in-toto attestation over the run's other artifacts (Sigstore bundle, DSSE).</summary>
    Sbom = 2,
}
