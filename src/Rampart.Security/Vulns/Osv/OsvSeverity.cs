namespace Rampart.Security.Vulns.Osv;

/// <summary>One <c>severity[]</c> entry: a type (<c>CVSS_V3</c>) and its vector string.</summary>
public sealed record OsvSeverity(string Type, string Score);
