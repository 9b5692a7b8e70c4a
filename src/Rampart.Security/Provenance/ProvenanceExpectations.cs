namespace Rampart.Security.Provenance;

/// <summary>
/// What provenance must say, in the manner of slsa-verifier: the artifact's digest among its
/// subjects, the builder, the source repository, and (when given) the ref and commit.
/// </summary>
public sealed record ProvenanceExpectations(string ArtifactSha256Hex, string BuilderId, string SourceRepository)
{
    public string? SourceRef { get; init; }

    public string? SourceCommit { get; init; }
}
