using Rampart.Core.Artifacts;
using Rampart.Core.Runs;

namespace Rampart.Core.Stages;

/// <summary>What a built-in stage may see: the checkout (read it, never write it) and the run's artifacts.</summary>
public sealed record StageContext(
    RunRecord Run,
    string SourceRoot,
    string ProjectRoot,
    IReadOnlyList<ArtifactRecord> Artifacts,
    IArtifactStore ArtifactStore,
    TextWriter Log);
