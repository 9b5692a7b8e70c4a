using System.Reflection;
using Rampart.Core.Findings.Sarif;
using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Reports;

/// <summary>SARIF 2.1.0 for secret findings, through the shared writer; only rules that fired are listed.</summary>
public static class SecretSarif
{
    public const string HelpUri = "https://rampart.example/docs/secret-scanning";

    public static SarifTool Tool { get; } = new(
        "rampart-secret-scan",
        typeof(SecretSarif).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        HelpUri);

    public static void Write(Stream output, SecretRuleSet rules, IReadOnlyList<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(findings);
        var used = findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var sarifRules = rules.Rules
            .Where(r => used.Contains(r.Id))
            .Select(r => new SarifRule(r.Id, r.Description.Length > 0 ? r.Description : r.Id, HelpUri + "#" + r.Id, r.Severity))
            .ToList();
        SarifWriter.Write(output, Tool, sarifRules, [.. findings.Select(f => f.ToFinding())]);
    }
}
