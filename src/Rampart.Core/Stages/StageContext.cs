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
    TextWriter Log)
{
    /// <summary>
    /// The git repository the run's commit comes from: the user's work tree for <c>rampart run</c>,
    /// the service's bare mirror for a server run; null when the host has none.
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>
    /// False for an untrusted trigger (a pull request from a fork): a stage then ignores the commit's
    /// own settings that could loosen it (allowlists, baselines, disabled checks), since the author of
    /// the change wrote them.
    /// </summary>
    public bool Trusted { get; init; } = true;
}
