using Rampart.Core.Findings;

namespace Rampart.Core.Runs;

/// <summary>Everything recorded about one run.</summary>
public sealed record RunDetails(
    RunRecord Run,
    IReadOnlyList<JobRecord> Jobs,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<ArtifactRecord> Artifacts,
    IReadOnlyList<Finding> Findings);
