using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config;

/// <summary>Checks about the scan itself.</summary>
internal static class GeneralChecks
{
    public static readonly ConfigCheck ParseError = new(
        "config-parse-error", ConfigKind.General, Severity.Low,
        "Configuration file could not be parsed",
        "A file that looks like CI, Kubernetes, Docker or Terraform configuration could not be read, so none of its checks ran. A broken file can also hide a misconfiguration that the real tool would accept.",
        "Fix the syntax error at the reported position, or exclude the file in the scan settings if it is deliberately invalid (a test fixture).",
        "https://yaml.org/spec/1.2.2/");

    public static readonly ConfigCheck SuppressionWithoutReason = new(
        "config-suppression-without-reason", ConfigKind.General, Severity.Medium,
        "Inline suppression without a reason",
        "A suppression comment hides a finding from every later review. Without a written reason nobody can tell an accepted risk from a silenced alarm, so the suppression is ignored and the finding stays.",
        "Write the reason after the check id: `# rampart:ignore k8s-privileged -- node exporter needs host access`.",
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317858");

    public static IReadOnlyList<ConfigCheck> All { get; } = [ParseError, SuppressionWithoutReason];
}
