using System.Collections.Frozen;

namespace Rampart.Security.Vulns.Cvss;

/// <summary>The CVSS v4.0 metrics in the order the specification requires in a vector string.</summary>
public static class Cvss4Metrics
{
    public const string Base = "Base";
    public const string Threat = "Threat";
    public const string Environmental = "Environmental";
    public const string Supplemental = "Supplemental";

    public static IReadOnlyList<Cvss4Metric> All { get; } =
    [
        new("AV", Base, ["N", "A", "L", "P"]),
        new("AC", Base, ["L", "H"]),
        new("AT", Base, ["N", "P"]),
        new("PR", Base, ["N", "L", "H"]),
        new("UI", Base, ["N", "P", "A"]),
        new("VC", Base, ["H", "L", "N"]),
        new("VI", Base, ["H", "L", "N"]),
        new("VA", Base, ["H", "L", "N"]),
        new("SC", Base, ["H", "L", "N"]),
        new("SI", Base, ["H", "L", "N"]),
        new("SA", Base, ["H", "L", "N"]),
        new("E", Threat, ["X", "A", "P", "U"]),
        new("CR", Environmental, ["X", "H", "M", "L"]),
        new("IR", Environmental, ["X", "H", "M", "L"]),
        new("AR", Environmental, ["X", "H", "M", "L"]),
        new("MAV", Environmental, ["X", "N", "A", "L", "P"]),
        new("MAC", Environmental, ["X", "L", "H"]),
        new("MAT", Environmental, ["X", "N", "P"]),
        new("MPR", Environmental, ["X", "N", "L", "H"]),
        new("MUI", Environmental, ["X", "N", "P", "A"]),
        new("MVC", Environmental, ["X", "H", "L", "N"]),
        new("MVI", Environmental, ["X", "H", "L", "N"]),
        new("MVA", Environmental, ["X", "H", "L", "N"]),
        new("MSC", Environmental, ["X", "H", "L", "N"]),
        new("MSI", Environmental, ["X", "S", "H", "L", "N"]),
        new("MSA", Environmental, ["X", "S", "H", "L", "N"]),
        new("S", Supplemental, ["X", "N", "P"]),
        new("AU", Supplemental, ["X", "N", "Y"]),
        new("R", Supplemental, ["X", "A", "U", "I"]),
        new("V", Supplemental, ["X", "D", "C"]),
        new("RE", Supplemental, ["X", "L", "M", "H"]),
        new("U", Supplemental, ["X", "Clear", "Green", "Amber", "Red"]),
    ];

    /// <summary>Each metric's position in <see cref="All"/>, which is the required order in a vector.</summary>
    internal static FrozenDictionary<string, int> Position { get; } =
        All.Select((m, i) => (m.Key, i)).ToFrozenDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
}
