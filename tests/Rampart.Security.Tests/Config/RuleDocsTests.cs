using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

/// <summary>
/// docs/rules/ is generated from the catalog. Run the tests with RAMPART_UPDATE_DOCS=1 to regenerate
/// it after changing a check; without the flag a stale page fails the test.
/// </summary>
public sealed class RuleDocsTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "docs", "rules");

    [Fact]
    public void RuleDocs_AreUpToDate()
    {
        if (Environment.GetEnvironmentVariable("RAMPART_UPDATE_DOCS") == "1")
            ConfigRuleDocs.WriteAll(Folder);
        foreach (var check in ConfigCheckCatalog.All)
        {
            var path = Path.Combine(Folder, check.Id + ".md");
            Assert.True(File.Exists(path), $"{path} is missing; run the tests with RAMPART_UPDATE_DOCS=1");
            Assert.Equal(ConfigRuleDocs.Page(check), File.ReadAllText(path));
        }

        Assert.Equal(ConfigRuleDocs.Index(), File.ReadAllText(Path.Combine(Folder, "README.md")));
        var expected = ConfigCheckCatalog.All.Select(c => c.Id + ".md").Append("README.md").ToHashSet();
        Assert.All(Directory.EnumerateFiles(Folder), f => Assert.Contains(Path.GetFileName(f), expected));
    }

    [Fact]
    public void Catalog_IdsAreUniqueKebabCase_AndEveryCheckExplainsItself()
    {
        Assert.Equal(ConfigCheckCatalog.All.Count, ConfigCheckCatalog.All.Select(c => c.Id).Distinct().Count());
        Assert.All(ConfigCheckCatalog.All, c =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)+$", c.Id);
            Assert.True(c.Why.Length > 40 && c.Fix.Length > 20, c.Id);
            Assert.True(Uri.IsWellFormedUriString(c.Reference, UriKind.Absolute), c.Id);
        });
    }

    [Fact]
    public void SarifRules_PointAtTheRulePages()
    {
        var rules = ConfigCheckCatalog.SarifRules("https://docs.example/rules/");
        Assert.Equal(ConfigCheckCatalog.All.Count, rules.Count);
        Assert.Contains(rules, r => r.Id == "gha-template-injection" && r.HelpUri == "https://docs.example/rules/gha-template-injection.md");
    }
}
