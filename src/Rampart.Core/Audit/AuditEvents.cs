using System.Globalization;
using Rampart.Core.Runs;

namespace Rampart.Core.Audit;

/// <summary>
/// Builders for the common events, so every host and control records the same detail keys.
/// Subjects follow <c>run/{id}</c>, <c>run/{id}/job/{job}</c>, <c>run/{id}/job/{job}/step/{step}</c>.
/// </summary>
public static class AuditEvents
{
    public const string EngineActor = "engine";

    public static AuditEvent RunStarted(long runId, string commit, string gitRef, string trigger, string pipelineDigest) =>
        new(AuditKinds.RunStarted, EngineActor, Run(runId), new Dictionary<string, string>
        {
            ["commit"] = commit,
            ["ref"] = gitRef,
            ["trigger"] = trigger,
            ["pipeline_digest"] = pipelineDigest,
        });

    public static AuditEvent RunFinished(long runId, Outcome outcome, TimeSpan duration) =>
        new(AuditKinds.RunFinished, EngineActor, Run(runId), Result(outcome, duration));

    public static AuditEvent JobFinished(long runId, string job, Outcome outcome, TimeSpan duration) =>
        new(AuditKinds.JobFinished, EngineActor, $"{Run(runId)}/job/{job}", Result(outcome, duration));

    public static AuditEvent StepFinished(long runId, string job, string step, Outcome outcome, int? exitCode, TimeSpan duration)
    {
        var details = Result(outcome, duration);
        if (exitCode is { } code)
            details["exit_code"] = code.ToString(CultureInfo.InvariantCulture);
        return new(AuditKinds.StepFinished, EngineActor, $"{Run(runId)}/job/{job}/step/{step}", details);
    }

    /// <param name="runId">The run the gate belongs to.</param>
    /// <param name="gate">Gate name, e.g. <c>severity</c>.</param>
    /// <param name="passed">The decision.</param>
    /// <param name="reasons">Why, one line each; joined with "; ".</param>
    public static AuditEvent GateDecided(long runId, string gate, bool passed, IEnumerable<string> reasons) =>
        new(AuditKinds.GateDecided, EngineActor, $"{Run(runId)}/gate/{gate}", new Dictionary<string, string>
        {
            ["gate"] = gate,
            ["decision"] = passed ? "pass" : "fail",
            ["reasons"] = string.Join("; ", reasons ?? []),
        });

    /// <summary>A secret handed to a step: its name and where it went, never its value.</summary>
    public static AuditEvent SecretIssued(long runId, string job, string step, string secretName) =>
        new(AuditKinds.SecretIssued, EngineActor, $"{Run(runId)}/job/{job}/step/{step}", new Dictionary<string, string>
        {
            ["name"] = secretName,
            ["step"] = step,
        });

    private static string Run(long runId) => "run/" + runId.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Result(Outcome outcome, TimeSpan duration) => new()
    {
        ["outcome"] = outcome switch
        {
            Outcome.Succeeded => "success",
            Outcome.Failed or Outcome.TimedOut => "failure",
            _ => outcome.ToString().ToLowerInvariant(),
        },
        ["duration_ms"] = ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };
}
