using Rampart.Security.Vulns.Cvss;

namespace Rampart.Security.Tests.Vulns;

/// <summary>
/// CVSS v4.0 scores against reference implementations' published test data: vectors, MacroVectors and scores
/// from the test suites of polycvss (src/v4.rs) and of Red Hat's <c>cvss</c> library (tests/vectors_*4 and
/// tests/test_cvss4.py), together covering every level of EQ1–EQ6 and every EQ3/EQ6 pair, with Threat,
/// Environmental (Modified Base, Security Requirements, MSI/MSA Safety) and Supplemental metrics.
/// </summary>
public sealed class Cvss4ScoreTests
{
    public static TheoryData<string, string, double> Reference { get; } = new()
    {
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", "002201", 6.9 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "000200", 9.3 },
        { "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", "100200", 8.5 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N", "001200", 8.8 },
        { "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:N", "101200", 7.0 },
        { "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:N/SC:L/SI:H/SA:H", "211100", 5.9 },
        { "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:H/SA:H", "210100", 7.2 },
        { "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:H/SA:H/MSC:H/MSI:S/MSA:S", "202001", 6.4 },
        { "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", "211100", 6.0 },
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", "011100", 9.1 },
        { "CVSS:4.0/AV:A/AC:L/AT:P/PR:H/UI:N/VC:H/VI:N/VA:H/SC:N/SI:L/SA:L/E:P/CR:M/IR:H/AR:L/MAV:L/MAC:X/MAT:N/MPR:N/MUI:X/MVC:N/MVI:X/MVA:X/MSC:L/MSI:N/MSA:L", "101211", 4.6 },
        { "CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:P/VC:L/VI:N/VA:L/SC:H/SI:L/SA:N/E:U/CR:L/IR:L/AR:M/MAV:A/MAC:H/MAT:X/MPR:X/MUI:P/MVC:H/MVI:H/MVA:N/MSC:N/MSI:H/MSA:S", "210021", 3.3 },
        { "CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:L/E:U/CR:X/IR:X/AR:X/MAV:L/MAC:L/MAT:N/MPR:H/MUI:P/MVC:N/MVI:H/MVA:X/MSC:H/MSI:L/MSA:X", "201120", 3.9 },
        { "CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:L/E:A/CR:M/IR:L/AR:M/MAV:N/MAC:H/MAT:P/MPR:H/MUI:X/MVC:X/MVI:H/MVA:H/MSC:L/MSI:L/MSA:H", "110101", 7.4 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:U/CR:L/IR:M/AR:X/MAV:A/MAC:L/MAT:P/MPR:X/MUI:A/MVC:H/MVI:X/MVA:N/MSC:L/MSI:S/MSA:H", "211021", 1.7 },
        { "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:P/VC:L/VI:L/VA:H/SC:L/SI:H/SA:L/E:A/CR:M/IR:M/AR:L/MAV:P/MAC:H/MAT:P/MPR:L/MUI:A/MVC:L/MVI:H/MVA:N/MSC:L/MSI:N/MSA:N", "211201", 1.6 },
        { "CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:H/SI:N/SA:L/E:P/CR:H/IR:X/AR:M/MAV:L/MAC:L/MAT:N/MPR:X/MUI:X/MVC:L/MVI:X/MVA:H/MSC:N/MSI:N/MSA:H", "101110", 6.9 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:P/VC:N/VI:H/VA:H/SC:H/SI:H/SA:H/E:X/CR:X/IR:H/AR:H/MAV:P/MAC:L/MAT:P/MPR:X/MUI:N/MVC:H/MVI:N/MVA:L/MSC:N/MSI:N/MSA:S", "211000", 6.9 },
        { "CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:P/VC:L/VI:L/VA:L/SC:N/SI:L/SA:L/E:U/CR:X/IR:M/AR:H/MAV:P/MAC:L/MAT:P/MPR:H/MUI:A/MVC:X/MVI:L/MVA:H/MSC:X/MSI:S/MSA:X", "211020", 3.1 },
        { "CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:H/SI:L/SA:H/E:U/CR:L/IR:H/AR:X/MAV:P/MAC:H/MAT:P/MPR:X/MUI:X/MVC:N/MVI:X/MVA:L/MSC:N/MSI:S/MSA:S", "212021", 1.1 },
        { "CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:P/VC:H/VI:N/VA:H/SC:N/SI:N/SA:N/E:A/CR:H/IR:H/AR:X/MAV:N/MAC:H/MAT:P/MPR:N/MUI:P/MVC:H/MVI:H/MVA:N/MSC:H/MSI:L/MSA:H", "110100", 8.8 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L/E:P/CR:M/IR:X/AR:L/MAV:L/MAC:L/MAT:X/MPR:H/MUI:X/MVC:L/MVI:L/MVA:X/MSC:H/MSI:S/MSA:H", "212011", 2.3 },
        { "CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:L/SI:H/SA:N/E:P/CR:X/IR:X/AR:L/MAV:A/MAC:X/MAT:N/MPR:X/MUI:X/MVC:X/MVI:X/MVA:N/MSC:L/MSI:L/MSA:L", "111210", 5.1 },
        { "CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:P/VC:L/VI:N/VA:H/SC:H/SI:N/SA:N/E:U/CR:X/IR:H/AR:H/MAV:X/MAC:H/MAT:X/MPR:L/MUI:X/MVC:L/MVI:X/MVA:L/MSC:H/MSI:N/MSA:L", "212121", 0.3 },
        { "CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:P/VC:H/VI:L/VA:H/SC:N/SI:N/SA:H/E:P/CR:M/IR:L/AR:X/MAV:P/MAC:X/MAT:P/MPR:N/MUI:A/MVC:N/MVI:N/MVA:L/MSC:L/MSI:H/MSA:X", "212111", 1.1 },
        { "CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:N/VC:L/VI:N/VA:H/SC:H/SI:H/SA:N/E:A/CR:M/IR:M/AR:M/MAV:N/MAC:L/MAT:P/MPR:H/MUI:A/MVC:N/MVI:X/MVA:N/MSC:X/MSI:H/MSA:L", "112101", 4.7 },
        { "CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:A/CR:H/IR:H/AR:M/MAV:N/MAC:X/MAT:N/MPR:H/MUI:X/MVC:N/MVI:N/MVA:L/MSC:H/MSI:L/MSA:S", "112001", 6.5 },
        { "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:L/SC:H/SI:N/SA:N/E:P/CR:X/IR:H/AR:L/MAV:A/MAC:L/MAT:X/MPR:N/MUI:P/MVC:X/MVI:L/MVA:L/MSC:N/MSI:H/MSA:X", "102111", 4.8 },
        { "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:N/SI:H/SA:H/E:P/CR:H/IR:H/AR:H/MAV:X/MAC:L/MAT:P/MPR:H/MUI:X/MVC:H/MVI:X/MVA:H/MSC:N/MSI:H/MSA:S", "210010", 7.1 },
        { "CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:A/VC:N/VI:H/VA:N/SC:N/SI:H/SA:N/E:U/CR:H/IR:X/AR:X/MAV:N/MAC:X/MAT:X/MPR:L/MUI:A/MVC:H/MVI:L/MVA:N/MSC:L/MSI:X/MSA:H", "111120", 3.9 },
        { "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:A/VC:L/VI:H/VA:L/SC:H/SI:L/SA:N/E:P/CR:X/IR:X/AR:H/MAV:N/MAC:H/MAT:N/MPR:X/MUI:N/MVC:N/MVI:H/MVA:L/MSC:H/MSI:X/MSA:S", "011010", 9.1 },
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:P/VC:N/VI:N/VA:L/SC:H/SI:N/SA:H/E:A/CR:M/IR:X/AR:M/MAV:A/MAC:L/MAT:N/MPR:X/MUI:P/MVC:X/MVI:L/MVA:X/MSC:N/MSI:H/MSA:L", "202101", 4.2 },
        { "CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:N/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:L/IR:H/AR:M/MAV:N/MAC:H/MAT:P/MPR:L/MUI:X/MVC:N/MVI:X/MVA:H/MSC:X/MSI:H/MSA:S", "111000", 8.5 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L", "001100", 9.2 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:L", "002101", 7.8 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A", "210100", 7.3 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P", "210110", 5.9 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", "210120", 4.1 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:M/AR:L", "210100", 7.1 },
        { "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:N/AU:Y/R:U/V:D/RE:L/U:Red", "210100", 7.3 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", "001200", 8.7 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/AR:L", "001201", 7.9 },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:H", "002101", 7.7 },
        { "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", "212201", 0.0 },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void Compute_MatchesReferenceScore(string vector, string macroVector, double score)
    {
        var parsed = Cvss4Vector.Parse(vector);
        Assert.Equal(macroVector, Cvss4MacroVector.Of(parsed).ToString());
        Assert.Equal(score, Cvss4Score.Compute(parsed));
    }

    [Fact]
    public void Reference_CoversEveryEquivalenceClassLevel()
    {
        var macros = Reference.Select(row => row.Data.Item2).ToList();
        int[] levels = [3, 2, 3, 3, 3, 2];
        for (var eq = 0; eq < 6; eq++)
        {
            for (var level = 0; level < levels[eq]; level++)
                Assert.Contains(macros, m => m[eq] - '0' == level);
        }

        foreach (var pair in new[] { "00", "01", "10", "11", "21" })
            Assert.Contains(macros, m => $"{m[2]}{m[5]}" == pair);
        Assert.True(Reference.Count >= 30);
    }


    // The exact value of these sits on a half (e.g. 5.95): the specification rounds half up, as Red Hat's
    // reference library does; an early JavaScript calculator let float noise round them down (5.9, 0.6, 5.6).
    [Theory]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:P/VC:L/VI:L/VA:L/SC:N/SI:L/SA:N/E:A/CR:M/IR:H/AR:L/MAV:X/MAC:L/MAT:P/MPR:N/MUI:N/MVC:X/MVI:H/MVA:X/MSC:L/MSI:X/MSA:X", 6.0)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:L/E:P/CR:X/IR:L/AR:H/MAV:A/MAC:L/MAT:P/MPR:L/MUI:P/MVC:X/MVI:X/MVA:L/MSC:N/MSI:N/MSA:X", 0.7)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:L/SI:N/SA:N/E:A/CR:M/IR:M/AR:X/MAV:L/MAC:L/MAT:P/MPR:X/MUI:X/MVC:L/MVI:H/MVA:H/MSC:X/MSI:L/MSA:N", 5.7)]
    public void Compute_RoundsExactHalvesUp(string vector, double score) =>
        Assert.Equal(score, Cvss4Score.Compute(vector));

    [Fact]
    public void Compute_IsZero_WhenNoSystemIsImpacted_EvenAfterModification()
    {
        Assert.Equal(0.0, Cvss4Score.Compute("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/CR:H/IR:H/AR:H"));
        Assert.Equal(0.0, Cvss4Score.Compute("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N"));
    }

    [Fact]
    public void Compute_UsesModifiedMetrics_InPlaceOfBaseOnes()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        var modified = Cvss4Score.Compute(Base + "/MAV:P/MAC:H/MAT:P/MPR:H/MUI:A");
        var same = Cvss4Score.Compute("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        Assert.Equal(same, modified);
        Assert.True(modified < Cvss4Score.Compute(Base));
        Assert.Equal(Cvss4Score.Compute(Base), Cvss4Score.Compute(Base + "/MAV:X/MAC:X/MVC:X"));
    }

    [Fact]
    public void Compute_LowersTheScore_ForUnprovenExploits_AndRaisesItForSafetyImpact()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";
        Assert.Equal(10.0, Cvss4Score.Compute(Base));
        Assert.Equal(Cvss4Score.Compute(Base), Cvss4Score.Compute(Base + "/E:A"));
        Assert.True(Cvss4Score.Compute(Base + "/E:P") > Cvss4Score.Compute(Base + "/E:U"));
        Assert.True(Cvss4Score.Compute(Base + "/E:A") > Cvss4Score.Compute(Base + "/E:P"));
        var low = "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L";
        Assert.True(Cvss4Score.Compute(low + "/MSI:S") > Cvss4Score.Compute(low));
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "Critical")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 8.7, "High")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9, "Medium")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1.0, "Low")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, "Info")]
    public void Rating_FollowsTheQualitativeScale(string vector, double score, string severity)
    {
        Assert.Equal(score, Cvss4Score.Compute(vector));
        Assert.Equal(severity, CvssScore.Rating(score).ToString());
    }
}
