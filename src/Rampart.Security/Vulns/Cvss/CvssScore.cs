using System.Globalization;
using Rampart.Core.Findings;

namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// Scores from CVSS vectors: v4.0 with the FIRST MacroVector algorithm (<see cref="Cvss4Score"/>, including
/// Threat and Environmental metrics), v3.0/v3.1 and v2 base scores with the specifications' formulas. Returns null
/// for a vector it cannot read (a missing, unknown, repeated or misordered metric): the matcher then uses the
/// record's next vector or its database label. <see cref="Cvss4Vector.TryParse"/> says why a v4.0 vector is rejected.
/// </summary>
public static class CvssScore
{
    public static double? Compute(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        vector = vector.Trim();
        if (vector.StartsWith("CVSS:3.", StringComparison.Ordinal))
            return V3(Metrics(vector));
        if (vector.StartsWith("CVSS:4", StringComparison.Ordinal))
            return Cvss4Vector.TryParse(vector, out var v4, out _) ? Cvss4Score.Compute(v4) : null;
        return V2(Metrics(vector));
    }

    /// <summary>The qualitative rating of a score: 0 none (Info), 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High, 9.0–10 Critical.</summary>
    public static Severity Rating(double score) => score switch
    {
        >= 9.0 => Severity.Critical,
        >= 7.0 => Severity.High,
        >= 4.0 => Severity.Medium,
        > 0 => Severity.Low,
        _ => Severity.Info,
    };

    internal static Dictionary<string, string> Metrics(string vector)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in vector.Trim().TrimStart('(').TrimEnd(')').Split('/'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !part.StartsWith("CVSS", StringComparison.Ordinal))
                metrics[part[..colon]] = part[(colon + 1)..];
        }

        return metrics;
    }

    private static double? V3(Dictionary<string, string> m)
    {
        double? Pick(string key, params (string, double)[] values) =>
            m.TryGetValue(key, out var v) && values.FirstOrDefault(x => x.Item1 == v) is { Item1: not null } hit ? hit.Item2 : null;
        var changed = m.GetValueOrDefault("S") == "C";
        if (m.GetValueOrDefault("S") is not ("C" or "U"))
            return null;
        var av = Pick("AV", ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
        var ac = Pick("AC", ("L", 0.77), ("H", 0.44));
        var pr = Pick("PR", ("N", 0.85), ("L", changed ? 0.68 : 0.62), ("H", changed ? 0.5 : 0.27));
        var ui = Pick("UI", ("N", 0.85), ("R", 0.62));
        var c = Pick("C", ("H", 0.56), ("L", 0.22), ("N", 0));
        var i = Pick("I", ("H", 0.56), ("L", 0.22), ("N", 0));
        var a = Pick("A", ("H", 0.56), ("L", 0.22), ("N", 0));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null)
            return null;
        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0)
            return 0;
        return RoundUp(Math.Min((changed ? 1.08 : 1.0) * (impact + exploitability), 10));
    }

    // CVSS 3.1 Roundup: the smallest one-decimal number >= the input, computed on integers to avoid float noise.
    private static double RoundUp(double value)
    {
        var whole = (long)Math.Round(value * 100000);
        return whole % 10000 == 0 ? whole / 100000.0 : (Math.Floor(whole / 10000.0) + 1) / 10.0;
    }

    private static double? V2(Dictionary<string, string> m)
    {
        double? Pick(string key, params (string, double)[] values) =>
            m.TryGetValue(key, out var v) && values.FirstOrDefault(x => x.Item1 == v) is { Item1: not null } hit ? hit.Item2 : null;
        var av = Pick("AV", ("L", 0.395), ("A", 0.646), ("N", 1.0));
        var ac = Pick("AC", ("H", 0.35), ("M", 0.61), ("L", 0.71));
        var au = Pick("Au", ("M", 0.45), ("S", 0.56), ("N", 0.704));
        var c = Pick("C", ("N", 0), ("P", 0.275), ("C", 0.660));
        var i = Pick("I", ("N", 0), ("P", 0.275), ("C", 0.660));
        var a = Pick("A", ("N", 0), ("P", 0.275), ("C", 0.660));
        if (av is null || ac is null || au is null || c is null || i is null || a is null)
            return null;
        var impact = 10.41 * (1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value)));
        var exploitability = 20 * av.Value * ac.Value * au.Value;
        var f = impact == 0 ? 0 : 1.176;
        return Math.Round(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f, 1, MidpointRounding.AwayFromZero);
    }

    public static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
