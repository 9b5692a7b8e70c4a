using Rampart.Core.Artifacts;
using Rampart.Core.Runs;

namespace Rampart.Core.Signing;

/// <summary>A run whose jobs succeeded and whose gate passed, ready to be signed.</summary>
public sealed record RunSigningRequest(
    RunRecord Run,
    BuildSource Source,
    IReadOnlyList<ArtifactRecord> Artifacts,
    IArtifactStore Store,
    IReadOnlyList<Byproduct> Byproducts,
    DateTimeOffset FinishedAt);
