namespace Rampart.Core.Findings.Sarif;

/// <summary>
/// A rule as SARIF's <c>reportingDescriptor</c>. <paramref name="HelpUri"/>, when given, must be an absolute URI.
/// <paramref name="DefaultSeverity"/> sets the rule's default level and its <c>security-severity</c>.
/// </summary>
public sealed record SarifRule(string Id, string ShortDescription, string? HelpUri, Severity DefaultSeverity);
