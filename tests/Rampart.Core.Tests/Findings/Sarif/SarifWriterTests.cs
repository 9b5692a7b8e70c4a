using System.Text;
using System.Text.Json;
using Rampart.Core.Findings;
using Rampart.Core.Findings.Sarif;

namespace Rampart.Core.Tests.Findings.Sarif;

public sealed class SarifWriterTests
{
    [Fact]
    public void ToJson_DeclaresSchemaAndVersion_WithExactlyOneRun()
    {
        using var log = Parse(SarifSamples.Rules, SarifSamples.BasicFindings);

        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        Assert.EndsWith("sarif-schema-2.1.0.json", log.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, log.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "note")]
    [InlineData(Severity.Info, "note")]
    public void ToJson_MapsSeverityToLevel(Severity severity, string level)
    {
        using var log = Parse([], [new Finding("r", severity, "m", new SourceLocation("a.cs", 1), "fp")]);

        Assert.Equal(level, Results(log)[0].GetProperty("level").GetString());
    }

    [Theory]
    [InlineData(Severity.Critical, "9.5", "error")]
    [InlineData(Severity.High, "8.0", "error")]
    [InlineData(Severity.Medium, "5.5", "warning")]
    [InlineData(Severity.Low, "3.0", "note")]
    [InlineData(Severity.Info, "0.0", "note")]
    public void ToJson_PutsSecuritySeverityStringAndSecurityTag_OnRule(Severity severity, string score, string level)
    {
        using var log = Parse([new SarifRule("r", "d", null, severity)], []);

        var rule = Rules(log)[0];
        Assert.Equal(score, rule.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal(["security"], rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(level, rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void ToJson_SynthesizesRuleWithWorstSeverity_WhenFindingUsesUnknownRuleId()
    {
        using var log = Parse([], [Finding("new/rule", Severity.Low), Finding("new/rule", Severity.High, line: 2)]);

        var rule = Assert.Single(Rules(log));
        Assert.Equal("new/rule", rule.GetProperty("id").GetString());
        Assert.Equal("new/rule", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("8.0", rule.GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public void ToJson_GivesEveryResultTheIndexOfItsRule()
    {
        using var log = Parse(SarifSamples.Rules, SarifSamples.BasicFindings);

        var ruleIds = Rules(log).Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ruleIds.Order(StringComparer.Ordinal), ruleIds);
        foreach (var result in Results(log))
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), ruleIds[result.GetProperty("ruleIndex").GetInt32()]);
        }
    }

    [Fact]
    public void ToJson_EmitsFingerprint_AsGitHubKeyAndRampartKey()
    {
        using var log = Parse([], [Finding("r", Severity.High, fingerprint: "abc123")]);

        var fingerprints = Results(log)[0].GetProperty("partialFingerprints");
        Assert.Equal("abc123", fingerprints.GetProperty("primaryLocationLineHash").GetString());
        Assert.Equal("abc123", fingerprints.GetProperty("rampart/v1").GetString());
    }

    [Fact]
    public void ToJson_OmitsPartialFingerprints_WhenFingerprintIsEmpty()
    {
        using var log = Parse([], [Finding("r", Severity.High, fingerprint: "")]);

        Assert.False(Results(log)[0].TryGetProperty("partialFingerprints", out _));
    }

    [Fact]
    public void ToJson_IsByteIdentical_WhenFindingsAndRulesArriveInAnotherOrder()
    {
        var forward = SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings);
        var backward = SarifWriter.ToJson(SarifSamples.Tool, [.. SarifSamples.Rules.Reverse()], [.. SarifSamples.BasicFindings.Reverse()]);

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void ToJson_OrdersResultsByPathLineColumnRuleAndFingerprint()
    {
        using var log = Parse([],
        [
            Finding("b", Severity.Low, "z.cs", 1, fingerprint: "1"),
            Finding("b", Severity.Low, "a.cs", 2, 1, "2"),
            Finding("b", Severity.Low, "a.cs", 1, 9, "3"),
            Finding("a", Severity.Low, "a.cs", 1, 9, "5"),
            Finding("a", Severity.Low, "a.cs", 1, 9, "4"),
        ]);

        Assert.Equal(["4", "5", "3", "2", "1"], Results(log).Select(r => r.GetProperty("partialFingerprints").GetProperty("rampart/v1").GetString()));
    }

    [Fact]
    public void Write_ProducesTheSameBytesAsToJson()
    {
        using var stream = new MemoryStream();

        SarifWriter.Write(stream, SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings);

        Assert.Equal(SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ToJson_RejectsRules_ThatRepeatAnId()
    {
        SarifRule[] rules = [new("dup", "a", null, Severity.Low), new("dup", "b", null, Severity.High)];

        Assert.Throws<ArgumentException>(() => SarifWriter.ToJson(SarifSamples.Tool, rules, []));
    }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("relative/path")]
    public void ToJson_RejectsToolInformationUri_ThatIsNotAbsolute(string uri)
    {
        Assert.Throws<ArgumentException>(() => SarifWriter.ToJson(SarifSamples.Tool with { InformationUri = uri }, [], []));
    }

    internal static JsonDocument Parse(IReadOnlyList<SarifRule> rules, IReadOnlyList<Finding> findings) =>
        JsonDocument.Parse(SarifWriter.ToJson(SarifSamples.Tool, rules, findings));

    internal static List<JsonElement> Results(JsonDocument log) =>
        [.. log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()];

    internal static List<JsonElement> Rules(JsonDocument log) =>
        [.. log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()];

    internal static Finding Finding(string ruleId, Severity severity, string path = "a.cs", int line = 1, int column = 0, string fingerprint = "fp") =>
        new(ruleId, severity, "message", new SourceLocation(path, line, column), fingerprint);
}
