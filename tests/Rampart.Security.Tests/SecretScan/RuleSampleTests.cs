using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Tests.SecretScan.Samples;

namespace Rampart.Security.Tests.SecretScan;

public sealed class RuleSampleTests
{
    private static readonly SecretScanEngine Engine = new(BuiltInRules.Compiled);

    [Fact]
    public void BuiltInPack_HasAtLeast150ProviderRules_EachWithTrueAndFalsePositiveSamples()
    {
        var rules = BuiltInRules.Config.Rules;
        var providerRules = rules.Count(r => !r.Tags.Contains("generic"));
        Assert.True(providerRules >= 150, $"only {providerRules} provider rules");
        var missing = rules
            .Where(r => !RuleSamples.All.Any(s => s.RuleId == r.Id && s.Positive) || !RuleSamples.All.Any(s => s.RuleId == r.Id && !s.Positive))
            .Select(r => r.Id)
            .ToList();
        Assert.Empty(missing);
        var unknown = RuleSamples.All.Select(s => s.RuleId).Distinct().Where(id => rules.All(r => r.Id != id)).ToList();
        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(RuleSamples.Positives), MemberType = typeof(RuleSamples))]
    public void Rule_ReportsItsTruePositiveSample(RuleSample sample)
    {
        var findings = Engine.ScanText(sample.Text, new ScanTarget(sample.Path));
        Assert.True(findings.Any(f => f.RuleId == sample.RuleId),
            $"{sample}: expected {sample.RuleId}, got [{string.Join(", ", findings.Select(f => f.RuleId))}] in: {sample.Text}");
    }

    [Theory]
    [MemberData(nameof(RuleSamples.Negatives), MemberType = typeof(RuleSamples))]
    public void Rule_IgnoresItsFalsePositiveSample(RuleSample sample)
    {
        var findings = Engine.ScanText(sample.Text, new ScanTarget(sample.Path));
        var wrong = findings.Where(f => f.RuleId == sample.RuleId || !Engine.Rules.IsGeneric(f.RuleId)).ToList();
        Assert.True(wrong.Count == 0, $"{sample}: unexpected [{string.Join(", ", wrong.Select(f => f.RuleId))}] in: {sample.Text}");
    }
}
