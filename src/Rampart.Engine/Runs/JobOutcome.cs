using Rampart.Core.Runs;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Runs;

/// <summary>How a job ended and what it kept.</summary>
public sealed record JobOutcome(Outcome Outcome, string? Error, IReadOnlyList<CollectedArtifact> Artifacts);
