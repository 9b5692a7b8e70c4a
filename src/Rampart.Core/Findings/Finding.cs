namespace Rampart.Core.Findings;

/// <summary>
/// One result of a control. The fingerprint identifies the same problem across runs
/// (it must not change when unrelated lines move), so baselines and suppressions can key on it.
/// </summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    SourceLocation? Location,
    string Fingerprint)
{
    /// <summary>The control that produced the finding (a stage id such as <c>secret-scan</c>).</summary>
    public string Source { get; init; } = "";
}
