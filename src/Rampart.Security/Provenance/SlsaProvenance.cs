namespace Rampart.Security.Provenance;

/// <summary>The identifiers of Rampart's SLSA v1 provenance (documented in docs/signing.md).</summary>
public static class SlsaProvenance
{
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>
    /// Rampart's build type: a pipeline run from a git commit. Its external parameters are
    /// <c>source</c> (repository, ref), <c>pipeline</c> (path, digest) and <c>trigger</c> (event).
    /// </summary>
    public const string BuildType = "https://rampart.example/buildtypes/pipeline-run/v1";
}
