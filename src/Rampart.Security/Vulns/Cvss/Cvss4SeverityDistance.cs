using System.Collections.Frozen;

namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// How far, in metric-level steps, a vector sits below the highest-severity vector of its MacroVector, summed per
/// equivalence class. The highest-severity vectors of each class level are the specification's published list;
/// their combinations are tried in order and the first that the vector does not exceed on any metric is used.
/// </summary>
internal readonly record struct Cvss4SeverityDistance(int Eq1, int Eq2, int Eq3Eq6, int Eq4)
{
    // Metric levels, 0 the most severe. SC has no Safety value, so its scale starts at 1 like SI/SA's High.
    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> Levels = new Dictionary<string, string>
    {
        ["AV"] = "N A L P", ["PR"] = "N L H", ["UI"] = "N P A", ["AC"] = "L H", ["AT"] = "N P",
        ["VC"] = "H L N", ["VI"] = "H L N", ["VA"] = "H L N",
        ["SC"] = "_ H L N", ["SI"] = "S H L N", ["SA"] = "S H L N",
        ["CR"] = "H M L", ["IR"] = "H M L", ["AR"] = "H M L",
    }.ToFrozenDictionary(
        p => p.Key,
        p => p.Value.Split(' ').Select((v, i) => (v, i)).ToFrozenDictionary(x => x.v, x => x.i, StringComparer.Ordinal),
        StringComparer.Ordinal);

    // The highest-severity vectors of each class level (EQ3 and EQ6 together, keyed by EQ3 then EQ6).
    private static readonly string[][] Eq1Max = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]];
    private static readonly string[][] Eq2Max = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]];
    private static readonly string[][] Eq4Max = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]];

    private static string[] Eq3Eq6Max(int eq3, int eq6) => (eq3, eq6) switch
    {
        (0, 0) => ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"],
        (0, 1) => ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"],
        (1, 0) => ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
        (1, 1) => ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"],
        _ => ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"],
    };

    public static Cvss4SeverityDistance Of(Cvss4Vector vector, Cvss4MacroVector macro)
    {
        var candidates =
            from a in Eq1Max[macro.Eq1]
            from b in Eq2Max[macro.Eq2]
            from c in Eq3Eq6Max(macro.Eq3, macro.Eq6)
            from d in Eq4Max[macro.Eq4]
            select Distances(vector, $"{a}/{b}/{c}/{d}");

        // The first highest vector the scored one does not exceed; if none fits, the last one tried, as the
        // specification's calculator does.
        Dictionary<string, int>? chosen = null;
        foreach (var candidate in candidates)
        {
            chosen = candidate;
            if (candidate.Values.All(d => d >= 0))
                break;
        }

        int Sum(params string[] metrics) => metrics.Sum(m => chosen![m]);
        return new Cvss4SeverityDistance(Sum("AV", "PR", "UI"), Sum("AC", "AT"), Sum("VC", "VI", "VA", "CR", "IR", "AR"), Sum("SC", "SI", "SA"));
    }

    private static Dictionary<string, int> Distances(Cvss4Vector vector, string highest)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in highest.Split('/'))
        {
            var metric = pair[..2];
            var levels = Levels[metric];
            distances[metric] = levels[vector.Effective(metric)] - levels[pair[3..]];
        }

        return distances;
    }
}
