namespace Rampart.Core.Findings.Sarif;

/// <summary>Maps <see cref="Severity"/> to SARIF's <c>level</c> and GitHub's <c>security-severity</c> score.</summary>
internal static class SarifSeverity
{
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        Severity.Low or Severity.Info => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>
    /// A string, as GitHub code scanning expects. Its bands: over 9.0 critical, 7.0–8.9 high,
    /// 4.0–6.9 medium, 0.1–3.9 low; 0.0 shows no security severity.
    /// </summary>
    public static string Score(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        Severity.Info => "0.0",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };
}
