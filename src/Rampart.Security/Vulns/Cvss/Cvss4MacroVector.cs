using System.Globalization;

namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// The six equivalence-class levels (0 is the most severe) that place a CVSS v4.0 vector in one of the
/// specification's 270 MacroVectors:
/// EQ1 AV/PR/UI, EQ2 AC/AT, EQ3 VC/VI/VA, EQ4 SC/SI/SA (with MSI/MSA Safety), EQ5 E, EQ6 CR/IR/AR with VC/VI/VA.
/// </summary>
public readonly record struct Cvss4MacroVector(int Eq1, int Eq2, int Eq3, int Eq4, int Eq5, int Eq6)
{
    public static Cvss4MacroVector Of(Cvss4Vector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        string M(string metric) => vector.Effective(metric);

        // EQ1: 0 = AV:N and PR:N and UI:N; 2 = AV:P or none of them is N; 1 = otherwise.
        var av = M("AV");
        var pr = M("PR");
        var ui = M("UI");
        var eq1 = av == "N" && pr == "N" && ui == "N" ? 0
            : av != "P" && (av == "N" || pr == "N" || ui == "N") ? 1
            : 2;

        // EQ2: 0 = AC:L and AT:N; 1 = otherwise.
        var eq2 = M("AC") == "L" && M("AT") == "N" ? 0 : 1;

        // EQ3: 0 = VC:H and VI:H; 1 = one of VC, VI, VA is H; 2 = none is H.
        var vc = M("VC");
        var vi = M("VI");
        var va = M("VA");
        var eq3 = vc == "H" && vi == "H" ? 0 : vc == "H" || vi == "H" || va == "H" ? 1 : 2;

        // EQ4: 0 = MSI:S or MSA:S (Safety); 1 = SC, SI or SA is H; 2 = otherwise.
        var eq4 = vector["MSI"] == "S" || vector["MSA"] == "S" ? 0
            : M("SC") == "H" || M("SI") == "H" || M("SA") == "H" ? 1
            : 2;

        // EQ5: Exploit Maturity A, P, U (undefined counts as A).
        var eq5 = M("E") switch { "A" => 0, "P" => 1, _ => 2 };

        // EQ6: 0 = a High requirement meets a High impact on the same property; 1 = otherwise.
        var eq6 = (M("CR") == "H" && vc == "H") || (M("IR") == "H" && vi == "H") || (M("AR") == "H" && va == "H") ? 0 : 1;

        return new Cvss4MacroVector(eq1, eq2, eq3, eq4, eq5, eq6);
    }

    /// <summary>The six digits, e.g. <c>000200</c>, as the specification's table writes them.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Eq1}{Eq2}{Eq3}{Eq4}{Eq5}{Eq6}");
}
