using System.Text.Json;
using Rampart.Core.Findings;
using static Rampart.Core.Tests.Findings.Sarif.SarifWriterTests;

namespace Rampart.Core.Tests.Findings.Sarif;

/// <summary>Paths become relative percent-encoded URIs; any message text still yields valid JSON.</summary>
public sealed class SarifWriterTextTests
{
    [Theory]
    [InlineData("src/my file.cs", "src/my%20file.cs")]
    [InlineData("src\\win\\path.cs", "src/win/path.cs")]
    [InlineData("./src/a.cs", "src/a.cs")]
    [InlineData("/rooted/a.cs", "rooted/a.cs")]
    [InlineData("ü/日.cs", "%C3%BC/%E6%97%A5.cs")]
    [InlineData("a#b?c%d[e].cs", "a%23b%3Fc%25d%5Be%5D.cs")]
    [InlineData("c:x.txt", "c%3Ax.txt")]
    [InlineData("safe-._~AZaz09.txt", "safe-._~AZaz09.txt")]
    public void ToJson_WritesPathAsRelativePercentEncodedUri_UnderSourceRoot(string path, string uri)
    {
        using var log = Parse([], [new Finding("r", Severity.Low, "m", new SourceLocation(path, 1), "fp")]);

        var artifact = Results(log)[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(uri, artifact.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
    }

    [Theory]
    [InlineData(3, 0, 0, 0, "{\"startLine\":3}")]
    [InlineData(3, 5, 0, 0, "{\"startLine\":3,\"startColumn\":5}")]
    [InlineData(3, 5, 4, 9, "{\"startLine\":3,\"startColumn\":5,\"endLine\":4,\"endColumn\":9}")]
    [InlineData(3, 5, 2, 9, "{\"startLine\":3,\"startColumn\":5,\"endColumn\":9}")]
    [InlineData(3, 5, 3, 2, "{\"startLine\":3,\"startColumn\":5,\"endLine\":3}")]
    public void ToJson_WritesOnlyRegionFieldsThatArePositiveAndOrdered(int startLine, int startColumn, int endLine, int endColumn, string region)
    {
        using var log = Parse([], [new Finding("r", Severity.Low, "m", new SourceLocation("a.cs", startLine, startColumn, endLine, endColumn), "fp")]);

        var physical = Results(log)[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(region, JsonSerializer.Serialize(physical.GetProperty("region")));
    }

    [Fact]
    public void ToJson_OmitsRegion_WhenStartLineIsUnknown()
    {
        using var log = Parse([], [new Finding("r", Severity.Low, "m", new SourceLocation("a.cs", 0, 4, 2, 1), "fp")]);

        Assert.False(Results(log)[0].GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));
    }

    [Fact]
    public void ToJson_OmitsLocations_WhenFindingHasNoLocation()
    {
        using var log = Parse([], [new Finding("r", Severity.Low, "m", null, "fp")]);

        Assert.False(Results(log)[0].TryGetProperty("locations", out _));
    }

    [Theory]
    [InlineData("quote \" backslash \\ tab \t newline \n nul \0 esc \u001b")]
    [InlineData("<script>alert('x')</script> & +")]
    [InlineData("line sep \u2028 para sep \u2029 bidi \u202e")]
    [InlineData("emoji \ud83d\ude00 kept")]
    public void ToJson_RoundTripsMessageExactly_ForAwkwardCharacters(string message)
    {
        using var log = Parse([], [new Finding("r", Severity.Low, message, null, "fp")]);

        Assert.Equal(message, Results(log)[0].GetProperty("message").GetProperty("text").GetString());
    }

    // Built in code: attribute arguments are stored as UTF-8 and cannot carry an unpaired surrogate.
    private static readonly (string Text, string Written)[] UnpairedSurrogates =
    [
        ("lone high " + HighSurrogate + " end", "lone high \ufffd end"),
        (LowSurrogate + " lone low first", "\ufffd lone low first"),
        ("reversed " + LowSurrogate + HighSurrogate + " pair", "reversed \ufffd\ufffd pair"),
        ("trailing high " + HighSurrogate, "trailing high \ufffd"),
    ];

    private static string HighSurrogate => new((char)0xD800, 1);

    private static string LowSurrogate => new((char)0xDC00, 1);

    [Fact]
    public void ToJson_ReplacesUnpairedSurrogates_SoOutputStaysValidJson()
    {
        foreach (var (text, written) in UnpairedSurrogates)
        {
            using var log = Parse([], [new Finding("r", Severity.Low, text, null, text)]);

            var result = Results(log)[0];
            Assert.Equal(written, result.GetProperty("message").GetProperty("text").GetString());
            Assert.Equal(written, result.GetProperty("partialFingerprints").GetProperty("rampart/v1").GetString());
        }
    }

    [Fact]
    public void ToJson_EncodesUnpairedSurrogateInPath_AsReplacementCharacter()
    {
        using var log = Parse([], [new Finding("r", Severity.Low, "m", new SourceLocation("lone" + HighSurrogate + ".txt", 1), "fp")]);

        var artifact = Results(log)[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("lone%EF%BF%BD.txt", artifact.GetProperty("uri").GetString());
    }

    [Fact]
    public void ToJson_UsesRuleIdAsMessage_WhenMessageIsBlank()
    {
        using var log = Parse([], [new Finding("r/blank", Severity.Low, "  ", null, "fp")]);

        Assert.Equal("r/blank", Results(log)[0].GetProperty("message").GetProperty("text").GetString());
    }
}
