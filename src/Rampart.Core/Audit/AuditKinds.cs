namespace Rampart.Core.Audit;

/// <summary>
/// The event kinds every control uses, so the trail can be searched by one vocabulary.
/// Names are <c>area.verb</c> in lower case, the form SIEMs index as <c>event.action</c>.
/// </summary>
public static class AuditKinds
{
    /// <summary>Details: commit, ref, trigger, pipeline_digest.</summary>
    public const string RunStarted = "run.started";

    /// <summary>Details: outcome, duration_ms.</summary>
    public const string RunFinished = "run.finished";

    /// <summary>Details: outcome, duration_ms.</summary>
    public const string JobFinished = "job.finished";

    /// <summary>Details: outcome, exit_code, duration_ms.</summary>
    public const string StepFinished = "step.finished";

    /// <summary>Details: gate, decision (pass|fail), reasons.</summary>
    public const string GateDecided = "gate.decided";

    /// <summary>A secret was handed to a step. Details: name, step, scope. Never the value.</summary>
    public const string SecretIssued = "secret.issued";

    /// <summary>Details: audience, subject claim, expires_at, token_id (jti). Never the token.</summary>
    public const string TokenIssued = "token.issued";

    /// <summary>Details: digest, key_id, format.</summary>
    public const string ArtifactSigned = "artifact.signed";

    /// <summary>Details: subject_digest, predicate_type, builder.</summary>
    public const string ProvenanceCreated = "provenance.created";

    /// <summary>Details: digest, what (signature|provenance|policy), result, reasons.</summary>
    public const string VerificationDone = "verification.done";

    /// <summary>Details: environment, digest, outcome.</summary>
    public const string DeployDone = "deploy.done";

    /// <summary>Details: environment, run, approver, decision.</summary>
    public const string ApprovalDecided = "approval.decided";

    /// <summary>A deploy job's environment rules decided: admitted, refused, rejected, superseded or cancelled. Details: environment, job, state, reason, approvals.</summary>
    public const string DeployGated = "deploy.gated";

    /// <summary>The server committed verified manifests to a GitOps repository. Details: environment, repository, branch, commit, digests.</summary>
    public const string GitOpsCommitted = "gitops.committed";

    /// <summary>Details: setting, old_digest, new_digest.</summary>
    public const string ConfigChanged = "config.changed";

    /// <summary>Details: key_id, action (created|rotated|revoked), purpose.</summary>
    public const string KeyChanged = "key.changed";

    /// <summary>The service handed a job to a runner. Details: runner, attempt, secrets (names only).</summary>
    public const string JobDispatched = "job.dispatched";

    /// <summary>Details: action (registered|removed), runner, labels.</summary>
    public const string RunnerChanged = "runner.changed";
    /// <summary>
    /// Who may do what changed: a user created, disabled or made admin, a role set or removed, an API
    /// token created or revoked. Details: action, user, repository, old_role, new_role, token_id,
    /// token_name. Never a token or its hash.
    /// </summary>
    public const string AccessChanged = "access.changed";

    /// <summary>Every kind above, for validation and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RunStarted, RunFinished, JobFinished, StepFinished, GateDecided, SecretIssued, TokenIssued,
        ArtifactSigned, ProvenanceCreated, VerificationDone, DeployDone, ApprovalDecided, ConfigChanged, KeyChanged,
        JobDispatched, RunnerChanged,
        AccessChanged,
    ];
}
