namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// One CVSS v4.0 metric as the specification's vector-string table defines it: its abbreviation, its group
/// (Base, Threat, Environmental, Supplemental) and its allowed values. Optional metrics accept <c>X</c>
/// (Not Defined); the eleven Base metrics are mandatory and do not.
/// </summary>
public sealed record Cvss4Metric(string Key, string Group, IReadOnlyList<string> Values)
{
    public bool Mandatory => Group == Cvss4Metrics.Base;
}
