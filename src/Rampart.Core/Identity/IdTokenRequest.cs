namespace Rampart.Core.Identity;

/// <summary>
/// What a token says about the job that asked for it. <see cref="Repository"/> is <c>OWNER/REPO</c>;
/// <see cref="Ref"/> the full ref (<c>refs/heads/main</c>); <see cref="WorkflowDigest"/> the
/// <c>sha256:…</c> digest of the pipeline file the run used.
/// </summary>
public sealed record IdTokenRequest(
    string Audience,
    string Repository,
    string Ref,
    string RefType,
    string Sha,
    string RunId,
    string Job,
    string Workflow,
    string? WorkflowDigest,
    string? Environment,
    string EventName,
    string RunnerEnvironment,
    bool Trusted);
