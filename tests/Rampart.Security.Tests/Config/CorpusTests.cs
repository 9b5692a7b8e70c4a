using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

public sealed class CorpusTests
{
    public static TheoryData<string, string> Vulnerable() => [.. Corpus.Variants().Where(v => v.Vulnerable).Select(v => (v.Check, v.Variant))];

    public static TheoryData<string, string> Fixed() => [.. Corpus.Variants().Where(v => !v.Vulnerable).Select(v => (v.Check, v.Variant))];

    [Theory]
    [MemberData(nameof(Vulnerable))]
    public void Check_FiresOnVulnerableVariant(string check, string variant)
    {
        var report = Corpus.Scan(check, variant);
        Assert.True(report.Findings.Any(f => f.RuleId == check),
            $"{check}/{variant}: expected {check}; got:\n{string.Join('\n', report.Findings.Select(f => $"{f.RuleId} {f.Location?.Path}:{f.Location?.StartLine} {f.Message}"))}");
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Check_StaysQuietOnFixedVariant(string check, string variant)
    {
        var report = Corpus.Scan(check, variant);
        var wrong = report.Findings.Where(f => f.RuleId == check || f.RuleId == "config-parse-error").ToList();
        Assert.True(wrong.Count == 0, $"{check}/{variant}: unexpected\n{string.Join('\n', wrong.Select(f => $"{f.RuleId} {f.Location?.Path}:{f.Location?.StartLine} {f.Message}"))}");
    }

    [Fact]
    public void Corpus_HasVulnerableAndFixedVariants_ForEveryCheck()
    {
        var variants = Corpus.Variants().ToList();
        foreach (var check in ConfigCheckCatalog.All.Where(c => c.Kind != ConfigKind.General))
        {
            Assert.True(variants.Any(v => v.Check == check.Id && v.Vulnerable), $"no vulnerable variant for {check.Id}");
            Assert.True(variants.Any(v => v.Check == check.Id && !v.Vulnerable), $"no fixed variant for {check.Id}");
        }

        Assert.All(variants, v => Assert.NotNull(ConfigCheckCatalog.Find(v.Check)));
    }
}
