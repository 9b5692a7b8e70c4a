namespace Rampart.Core.Findings.Sarif;

/// <summary>The analysis tool named in <c>runs[0].tool.driver</c>. <paramref name="InformationUri"/> must be an absolute URI.</summary>
public sealed record SarifTool(string Name, string Version, string InformationUri);
