namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// The CVSS v4.0 score of the FIRST specification (section 8.2): look up the score of the vector's MacroVector,
/// then subtract the mean, over the equivalence classes that have a lower MacroVector, of the score gap to that
/// lower MacroVector scaled by how far the vector sits from the MacroVector's highest-severity vector
/// (severity distance / MacroVector depth). Rounded half up to one decimal.
/// Everything is computed on integers (tenths and exact fractions), so no float noise can move a
/// x.x5 boundary; the result equals the specification's calculator.
/// </summary>
public static class Cvss4Score
{
    /// <summary>The score 0.0–10.0 of a parsed vector, taking Threat and Environmental metrics into account.</summary>
    public static double Compute(Cvss4Vector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return Tenths(vector) / 10.0;
    }

    /// <summary>Parses and scores a vector; throws <see cref="FormatException"/> for a malformed one.</summary>
    public static double Compute(string vector) => Compute(Cvss4Vector.Parse(vector));

    internal static int Tenths(Cvss4Vector vector)
    {
        // A vector with no impact on any system scores 0 whatever else it says.
        if (((string[])["VC", "VI", "VA", "SC", "SI", "SA"]).All(m => vector.Effective(m) == "N"))
            return 0;

        var macro = Cvss4MacroVector.Of(vector);
        var value = Cvss4MacroVectorScores.Lookup(macro.ToString())
            ?? throw new InvalidOperationException($"MacroVector {macro} is not in the specification's table.");
        var distance = Cvss4SeverityDistance.Of(vector, macro);

        // The lower MacroVector of each class. EQ3 and EQ6 move together: from 00 two lower ones exist and the
        // higher-scoring one counts; from 21 there is none.
        int? Score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
            Cvss4MacroVectorScores.Lookup(new Cvss4MacroVector(eq1, eq2, eq3, eq4, eq5, eq6).ToString());
        var (e1, e2, e3, e4, e5, e6) = (macro.Eq1, macro.Eq2, macro.Eq3, macro.Eq4, macro.Eq5, macro.Eq6);
        var lowerEq3Eq6 = (e3, e6) switch
        {
            (0, 0) => Max(Score(e1, e2, e3, e4, e5, e6 + 1), Score(e1, e2, e3 + 1, e4, e5, e6)),
            (1, 0) => Score(e1, e2, e3, e4, e5, e6 + 1),
            (_, 1) => Score(e1, e2, e3 + 1, e4, e5, e6),
            _ => null,
        };

        // (lower score, severity distance, MacroVector depth) per class; EQ5's distance is always 0.
        (int? Lower, int Distance, int Depth)[] classes =
        [
            (Score(e1 + 1, e2, e3, e4, e5, e6), distance.Eq1, Cvss4Depths.Eq1[e1]),
            (Score(e1, e2 + 1, e3, e4, e5, e6), distance.Eq2, Cvss4Depths.Eq2[e2]),
            (lowerEq3Eq6, distance.Eq3Eq6, Cvss4Depths.Eq3Eq6(e3, e6)),
            (Score(e1, e2, e3, e4 + 1, e5, e6), distance.Eq4, Cvss4Depths.Eq4[e4]),
            (Score(e1, e2, e3, e4, e5 + 1, e6), 0, 1),
        ];

        // mean = (sum of gap * distance / depth) / n, kept as one exact fraction numerator / denominator.
        var present = classes.Where(c => c.Lower is not null).ToList();
        if (present.Count == 0)
            return value;
        long denominator = present.Aggregate(1L, (d, c) => d * c.Depth);
        long numerator = present.Sum(c => (long)(value - c.Lower!.Value) * c.Distance * (denominator / c.Depth));
        denominator *= present.Count;

        // result = value - numerator / denominator, clamped to 0..100 tenths and rounded half up.
        var result = ((long)value * denominator) - numerator;
        if (result <= 0)
            return 0;
        var rounded = ((2 * result) + denominator) / (2 * denominator);
        return (int)Math.Min(rounded, 100);
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
