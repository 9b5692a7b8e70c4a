namespace Rampart.Security.Vulns.Cvss;

/// <summary>CVSS v4.0 base scoring (filled in below).</summary>
internal static class Cvss4
{
    public static double? Score(Dictionary<string, string> metrics)
    {
        _ = metrics;
        return null;
    }
}
