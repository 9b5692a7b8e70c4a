using Rampart.Engine.Pipeline;
using Rampart.Engine.Source;

namespace Rampart.Engine.Runs;

/// <summary>What to run: a validated pipeline at a resolved commit, triggered by an event.</summary>
public sealed record RunRequest(PipelineDefinition Pipeline, SourceRevision Source, string Event)
{
    /// <summary>
    /// False for events from outside the repository's trust (pull requests from forks): such runs
    /// get no secrets and no id-token, whatever the pipeline asks for (invariant I6).
    /// </summary>
    public bool Trusted { get; init; } = true;

    /// <summary>The pipeline file's digest (<c>sha256:…</c>), for the audit trail and provenance.</summary>
    public string? PipelineDigest { get; init; }
}
