using Rampart.Core.Runs;
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

    /// <summary>
    /// The repository as <c>OWNER/REPO</c> (from the git host, or the origin remote for local runs):
    /// the <c>repository</c> of secret scopes and id-tokens. Null: <c>local/&lt;folder name&gt;</c>.
    /// </summary>
    public string? RepositoryName { get; init; }

    /// <summary><c>sha256:…</c> of the pipeline file the run uses, for the id-token's <c>workflow_digest</c>.</summary>
    public string? PipelineDigest { get; init; }

    /// <summary>An existing run record to carry on (the service creates runs when they are triggered); null records a new one.</summary>
    public RunRecord? Existing { get; init; }

    /// <summary>What the run record shows as its repository; null: the local repository folder.</summary>
    public string? RepositoryLabel { get; init; }

    /// <summary>The repository as provenance names it (the service's clone URL); null: the local repository folder.</summary>
    public string? RepositoryUri { get; init; }

    public string EffectiveRepositoryName => RepositoryName ?? "local/" + Path.GetFileName(Source.RepositoryRoot.TrimEnd('/'));
}
