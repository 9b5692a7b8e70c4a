using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Core.Findings.Sarif;
using Rampart.Core.Tests.Findings.Sarif;

namespace Rampart.Core.Tests.Interop;

/// <summary>Our SARIF, checked by someone else's validator (ajv-cli) against the official OASIS schema.</summary>
public sealed class SarifSchemaInteropTests(SarifSchemaFixture schema) : IClassFixture<SarifSchemaFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfficialSchema_AcceptsLog_WithNoFindingsAndNoRules()
    {
        await AssertValidAsync(SarifWriter.ToJson(SarifSamples.Tool, [], []), "empty");
    }

    [Fact]
    public async Task OfficialSchema_AcceptsLog_WithBasicSample()
    {
        await AssertValidAsync(SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings), "basic");
    }

    [Fact]
    public async Task OfficialSchema_AcceptsLog_WithHostileMessagesAndPaths()
    {
        var findings = OddText.Select((text, i) => new Finding(
            $"odd/{i}", (Severity)(i % 5), text, new SourceLocation(OddPaths[i % OddPaths.Length], i + 1, 1, i + 2, 3), text))
            .ToList();

        await AssertValidAsync(SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, findings), "hostile");
    }

    [Fact]
    public async Task OfficialSchema_AcceptsLog_WithUnicodePaths()
    {
        var findings = OddPaths.Select((path, i) => new Finding("unicode/path", Severity.Low, "x", new SourceLocation(path, 1), $"fp{i}"))
            .ToList();

        await AssertValidAsync(SarifWriter.ToJson(SarifSamples.Tool, [], findings), "unicode-paths");
    }

    [Fact]
    public async Task OfficialSchema_AcceptsLog_WithManyFindings()
    {
        var findings = Enumerable.Range(0, 2000)
            .Select(i => new Finding($"bulk/{i % 37}", (Severity)(i % 5), $"finding {i}", new SourceLocation($"src/f{i % 50}.cs", i % 300 + 1), $"fp{i}"))
            .ToList();

        await AssertValidAsync(SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, findings), "many");
    }

    [Theory]
    [InlineData("version", "2.0.0")]
    [InlineData("level", "fatal")]
    [InlineData("uri", "src/has space.cs")]
    [InlineData("ruleIndex", "-5")]
    public async Task OfficialSchema_RejectsLog_WhenAFieldIsBroken(string field, string value)
    {
        var log = JsonNode.Parse(SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings))!;
        var result = log["runs"]![0]!["results"]!.AsArray().First(r => r!["locations"] is not null)!;
        switch (field)
        {
            case "version": log["version"] = value; break;
            case "level": result["level"] = value; break;
            case "uri": result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] = value; break;
            default: result["ruleIndex"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var outcome = await schema.ValidateAsync(log.ToJsonString(), "broken-" + field, Cancel);

        Assert.True(outcome.ExitCode == 1, "expected ajv to reject the document: " + outcome.Output);
        Assert.Contains("invalid", outcome.StandardError + outcome.StandardOutput, StringComparison.Ordinal);
    }

    private async Task AssertValidAsync(string document, string name)
    {
        var outcome = await schema.ValidateAsync(document, name, Cancel);
        Assert.True(outcome.ExitCode == 0, $"ajv rejected {name}: {outcome.Output}");
    }

    private static readonly string[] OddText =
    [
        "quotes \" ' ` and backslash \\ and slash /",
        "controls \0 \a \b \t \n \v \f \r \u001b[31m red \u007f",
        "lone high " + (char)0xD800 + " then lone low " + (char)0xDC00 + " then pair \ud83d\ude00",
        "html <script>alert(1)</script> &amp; + =",
        "bidi \u202e override \u2028 line sep \u2029 para sep \ufeff bom",
        "",
        new string('x', 10_000),
    ];

    private static readonly string[] OddPaths =
    [
        "src/my file.cs",
        "src/ünïcödé/日本語.cs",
        "docs\\windows\\path.md",
        "c:relative.txt",
        "weird/#hash?query%percent[brackets].txt",
        "./leading/dot.cs",
        "emoji/\ud83d\ude80 rocket.txt",
        "lone/" + (char)0xD800 + ".txt",
    ];
}
