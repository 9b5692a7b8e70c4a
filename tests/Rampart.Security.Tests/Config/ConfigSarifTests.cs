using System.Text.Json;
using Rampart.Core.Findings.Sarif;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

public sealed class ConfigSarifTests(SarifSchemaFixture schema) : IClassFixture<SarifSchemaFixture>
{
    private static readonly SarifTool Tool = new("rampart", "0.0.0-test", "https://rampart.example/docs");

    [Fact]
    public async Task Sarif_OfTheWholeCorpus_ValidatesAgainstTheOfficialSchema()
    {
        var report = new ConfigScanner().Scan(Corpus.Folder, TestContext.Current.CancellationToken);
        Assert.True(report.Findings.Count > 100);
        var json = SarifWriter.ToJson(Tool, ConfigCheckCatalog.SarifRules(), report.Findings);
        var outcome = await schema.ValidateAsync(json, "config-corpus", TestContext.Current.CancellationToken);
        Assert.True(outcome.ExitCode == 0, "ajv rejected the SARIF: " + outcome.Output);
    }

    [Fact]
    public void Sarif_Results_CarryRelativePathLineAndRuleHelp()
    {
        var root = Path.Combine(Corpus.Folder, "gha-template-injection", "vulnerable");
        var report = new ConfigScanner().Scan(root, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(SarifWriter.ToJson(Tool, ConfigCheckCatalog.SarifRules(), report.Findings));
        var run = doc.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "gha-template-injection");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(".github/workflows/ci.yml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(26, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "gha-template-injection");
        Assert.EndsWith("/rules/gha-template-injection.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }
}
