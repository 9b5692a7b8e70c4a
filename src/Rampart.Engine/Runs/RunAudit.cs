using System.Globalization;
using Rampart.Core.Audit;
using Rampart.Core.Runs;
using Rampart.Engine.Gates;

namespace Rampart.Engine.Runs;

/// <summary>The audit events a run produces (invariant I5), in one place so none is forgotten.</summary>
internal sealed class RunAudit
{
    private const string Actor = "engine";
    private readonly IAuditTrail _trail;

    public RunAudit(IAuditTrail trail)
    {
        _trail = trail;
    }

    public Task RunStartedAsync(RunRecord run, RunRequest request) =>
        AppendAsync(AuditKinds.RunStarted, Subject(run), new Dictionary<string, string>
        {
            ["repository"] = run.Repository,
            ["commit"] = run.Commit,
            ["ref"] = run.Ref,
            ["trigger"] = run.Event,
            ["trusted"] = request.Trusted ? "true" : "false",
            ["pipeline"] = run.Pipeline,
            ["pipeline_path"] = request.Source.PipelinePath,
            ["pipeline_digest"] = request.PipelineDigest ?? "",
        });

    /// <summary>A secret given to a step, or an id-token issued to a job: names and ids only, never values.</summary>
    public Task HandOutAsync(HandOut handOut) =>
        handOut.Kind == HandOutKind.Secret
            ? AppendAsync(AuditKinds.SecretIssued, $"run/{handOut.RunId}/job/{handOut.Job}", new Dictionary<string, string>
            {
                ["name"] = handOut.Name,
                ["job"] = handOut.Job,
                ["step"] = handOut.Step ?? "",
                ["delivery"] = handOut.Detail,
            })
            : AppendAsync(AuditKinds.TokenIssued, $"run/{handOut.RunId}/job/{handOut.Job}", new Dictionary<string, string>
            {
                ["audience"] = handOut.Name,
                ["job"] = handOut.Job,
                ["step"] = handOut.Step ?? "",
                ["token"] = handOut.Detail,
            });

    public Task StepFinishedAsync(StepRecord step) =>
        AppendAsync(AuditKinds.StepFinished, $"run/{step.RunId}/job/{step.Job}/step/{step.Index + 1}", new Dictionary<string, string>
        {
            ["step"] = step.Name,
            ["outcome"] = Word(step.Status),
            ["exit_code"] = step.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["duration_ms"] = Milliseconds(step.StartedAt, step.FinishedAt),
        });

    public Task JobFinishedAsync(JobRecord job) =>
        AppendAsync(AuditKinds.JobFinished, $"run/{job.RunId}/job/{job.Name}", new Dictionary<string, string>
        {
            ["outcome"] = Word(job.Status),
            ["reason"] = job.Error ?? "",
            ["duration_ms"] = Milliseconds(job.StartedAt, job.FinishedAt),
        });

    public Task GateDecidedAsync(RunRecord run, GateDecision decision) =>
        AppendAsync(AuditKinds.GateDecided, Subject(run), new Dictionary<string, string>
        {
            ["gate"] = "severity",
            ["threshold"] = decision.Threshold?.ToString().ToLowerInvariant() ?? "never",
            ["decision"] = decision.Passed ? "pass" : "fail",
            ["reasons"] = decision.Summary,
            ["blocking"] = decision.Blocking.ToString(CultureInfo.InvariantCulture),
        });

    public Task PolicyDecidedAsync(RunRecord run, bool passed, string reasons) =>
        AppendAsync(AuditKinds.GateDecided, Subject(run), new Dictionary<string, string>
        {
            ["gate"] = "policy",
            ["decision"] = passed ? "pass" : "fail",
            ["reasons"] = reasons,
        });

    /// <summary>What the engine signed for a run: each artifact signature and the provenance.</summary>
    public async Task AttestationsAsync(RunRecord run, IReadOnlyList<Core.Signing.AttestationRecord> attestations)
    {
        foreach (var attestation in attestations)
        {
            var provenance = attestation.Kind == Core.Signing.AttestationKind.Provenance;
            await AppendAsync(provenance ? AuditKinds.ProvenanceCreated : AuditKinds.ArtifactSigned, Subject(run), new Dictionary<string, string>
            {
                ["subject"] = attestation.Subject,
                ["kind"] = attestation.Kind.ToString().ToLowerInvariant(),
                ["bundle_digest"] = attestation.BundleDigest.ToString(),
            }).ConfigureAwait(false);
        }
    }

    /// <summary>The re-verification before a deploy job (invariant I4), allowed or refused, with its reason.</summary>
    public Task DeployVerifiedAsync(RunRecord run, string job, string environment, bool allowed, string reason) =>
        AppendAsync(AuditKinds.VerificationDone, $"{Subject(run)}/job/{job}", new Dictionary<string, string>
        {
            ["what"] = "deploy",
            ["environment"] = environment,
            ["result"] = allowed ? "verified" : "refused",
            ["reasons"] = reason,
        });

    public Task DeployFinishedAsync(JobRecord job) =>
        AppendAsync(AuditKinds.DeployDone, $"run/{job.RunId}/job/{job.Name}", new Dictionary<string, string>
        {
            ["environment"] = job.Environment ?? "",
            ["outcome"] = Word(job.Status),
            ["reason"] = job.Error ?? "",
        });

    public Task RunFinishedAsync(RunRecord run) =>
        AppendAsync(AuditKinds.RunFinished, Subject(run), new Dictionary<string, string>
        {
            ["outcome"] = Word(run.Status),
            ["reason"] = run.Error ?? "",
            ["duration_ms"] = Milliseconds(run.StartedAt, run.FinishedAt),
        });

    private Task AppendAsync(string kind, string subject, Dictionary<string, string> details) =>
        _trail.AppendAsync(new AuditEvent(kind, Actor, subject, details), CancellationToken.None);

    private static string Subject(RunRecord run) => "run/" + run.Id.ToString(CultureInfo.InvariantCulture);

    private static string Word(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string Milliseconds(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? ((long)(e - s).TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "";
}
