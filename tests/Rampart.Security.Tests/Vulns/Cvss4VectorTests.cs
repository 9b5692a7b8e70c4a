using Rampart.Security.Vulns.Cvss;

namespace Rampart.Security.Tests.Vulns;

/// <summary>Strict CVSS v4.0 vector parsing: every malformed vector is rejected with a message that says why.</summary>
public sealed class Cvss4VectorTests
{
    private const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "does not start with 'CVSS:4.0/'")]
    [InlineData("CVSS:4.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "does not start with 'CVSS:4.0/'")]
    [InlineData("cvss:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "does not start with 'CVSS:4.0/'")]
    [InlineData("CVSS:4.0", "lacks the mandatory Base metrics AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "lacks the mandatory Base metric SA")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:H", null)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/", "ends with '/'")]
    [InlineData("CVSS:4.0/AV:N/AC:L//AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "empty metric after 'AC:L'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/JJ:H", "'JJ' is not a CVSS v4.0 metric")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:J", "'J' is not a value of SA (allowed: H, L, N)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:X", "'X' is not a value of SA")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "'S' is not a value of SI")]
    [InlineData("CVSS:4.0/AV:n/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "'n' is not a value of AV")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", "'red' is not a value of U (allowed: X, Clear, Green, Amber, Red)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SI:H", "metric SI appears more than once")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:A", "metric E appears more than once")]
    [InlineData("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "metric AV is out of order: it must come before AC")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A", "metric E is out of order: it must come before CR")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:N/MAV:N", "metric MAV is out of order: it must come before S")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SI:N/SA:N/SC:N", "metric SC is out of order")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E", "'E' is not a METRIC:VALUE pair")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:", "'E:' is not a METRIC:VALUE pair")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/:A", "':A' is not a METRIC:VALUE pair")]
    [InlineData("CVSS:4.0/AV:N:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "'AV:N:N' is not a METRIC:VALUE pair")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AV:N", "metric AV appears more than once")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with 'CVSS:4.0/'")]
    public void TryParse_ExplainsWhatIsWrong(string vector, string? expected)
    {
        var ok = Cvss4Vector.TryParse(vector, out var parsed, out var error);
        if (expected is null)
        {
            Assert.True(ok, error);
            Assert.NotNull(parsed);
            return;
        }

        Assert.False(ok);
        Assert.Null(parsed);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => Cvss4Vector.Parse(vector));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void TryParse_QuotesAtMostAShortPieceOfHostileInput()
    {
        var vector = Base + "/" + new string('Q', 100_000) + ":A";
        Assert.False(Cvss4Vector.TryParse(vector, out _, out var error));
        Assert.True(error.Length < 120, error);
    }

    [Fact]
    public void TryParse_AcceptsEveryOptionalMetric_InTheSpecificationOrder()
    {
        const string Full = Base + "/E:U/CR:L/IR:L/AR:L/MAV:P/MAC:H/MAT:P/MPR:H/MUI:A/MVC:N/MVI:N/MVA:N/MSC:N/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Amber";
        var parsed = Cvss4Vector.Parse(Full);
        Assert.Equal(Full, parsed.ToString());
        Assert.Equal("Amber", parsed["U"]);
        Assert.Equal("S", parsed.Effective("SI"));
        Assert.Equal("P", parsed.Effective("AV"));
        Assert.Equal("N", parsed["AV"]);
    }

    [Fact]
    public void Effective_TakesTheWorstCase_ForUndefinedThreatAndRequirements()
    {
        var parsed = Cvss4Vector.Parse(Base + "/E:X/CR:X/MAV:X");
        Assert.Equal("A", parsed.Effective("E"));
        Assert.Equal("H", parsed.Effective("CR"));
        Assert.Equal("H", parsed.Effective("AR"));
        Assert.Equal("N", parsed.Effective("AV"));
        Assert.Equal(Base, parsed.ToString());
        Assert.Throws<ArgumentException>(() => parsed["XX"]);
    }

    [Theory]
    [InlineData(Base, "CVSS-B")]
    [InlineData(Base + "/E:X/CR:X", "CVSS-B")]
    [InlineData(Base + "/S:P/U:Red", "CVSS-B")]
    [InlineData(Base + "/E:P", "CVSS-BT")]
    [InlineData(Base + "/MAV:L", "CVSS-BE")]
    [InlineData(Base + "/E:U/CR:L", "CVSS-BTE")]
    public void Nomenclature_SaysWhichMetricGroupsTheScoreReflects(string vector, string nomenclature) =>
        Assert.Equal(nomenclature, Cvss4Vector.Parse(vector).Nomenclature);
}
