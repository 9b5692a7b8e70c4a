using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

public sealed class FixtureTests
{
    private const string Begin = "<!-- accuracy:begin -->";
    private const string End = "<!-- accuracy:end -->";

    [Fact]
    public void KubeScoreFixtures_MatchTheirLabels()
    {
        var wrong = AccuracyReport.KubeScore().Where(t => t.Value.FalseNegatives + t.Value.FalsePositives > 0).Select(t => t.Key).ToList();
        Assert.True(wrong.Count == 0, "checks disagreeing with kube-score labels: " + string.Join(", ", wrong));
    }

    [Fact]
    public void KubeScoreFixtures_AllParse()
    {
        var root = Path.Combine(RepoPaths.TestData, "kube-score");
        Assert.True(Directory.Exists(root), $"{root} not found; set RAMPART_TESTDATA");
        var report = new ConfigScanner().Scan(root, TestContext.Current.CancellationToken);
        Assert.True(report.FilesByType.GetValueOrDefault(ConfigFileType.Kubernetes) > 150);
        // kube-score's "invalid-yaml.yaml" is valid YAML (kube-score rejects its port values, not its syntax).
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "config-parse-error");
    }

    [Theory]
    [InlineData("dangerous-triggers", 1.0)]
    [InlineData("insecure-commands", 1.0)]
    [InlineData("hardcoded-credentials", 1.0)]
    [InlineData("secrets-inherit", 1.0)]
    [InlineData("overprovisioned-secrets", 1.0)]
    [InlineData("artipacked", 0.8)]
    [InlineData("cache-poisoning", 0.75)]
    [InlineData("self-hosted", 0.85)]
    [InlineData("excessive-permissions", 0.8)]
    [InlineData("template-injection", 0.4)]
    [InlineData("unpinned-images", 0.8)]
    [InlineData("unpinned-uses", 1.0)]
    public void ZizmorFixtures_AreCaught_AtLeastAsOftenAsMeasured(string audit, double minimum)
    {
        var (_, files, caught) = AccuracyReport.Zizmor().Single(r => r.Audit == audit);
        Assert.True(files > 0, $"no fixtures for {audit}");
        Assert.True(caught >= files * minimum, $"{audit}: caught {caught} of {files}, expected at least {minimum:P0}");
    }

    [Fact]
    public void ZizmorFixtures_NoAnalyzerFailure()
    {
        var report = new ConfigScanner().Scan(Path.Combine(RepoPaths.TestData, "zizmor"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("could not be analysed", StringComparison.Ordinal));
        Assert.All(report.Findings.Where(f => f.RuleId == "config-parse-error"), f => Assert.StartsWith("invalid/", f.Location!.Path, StringComparison.Ordinal));
    }

    /// <summary>docs/misconfiguration.md carries the measured table; RAMPART_UPDATE_DOCS=1 rewrites it.</summary>
    [Fact]
    public void Docs_AccuracySection_IsUpToDate()
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "misconfiguration.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "accuracy markers missing in docs/misconfiguration.md");
        var current = text[(start + Begin.Length)..end].Trim('\n');
        var measured = AccuracyReport.Markdown().Trim('\n');
        if (Environment.GetEnvironmentVariable("RAMPART_UPDATE_DOCS") == "1" && current != measured)
        {
            File.WriteAllText(path, text[..(start + Begin.Length)] + "\n" + measured + "\n" + text[end..]);
            return;
        }

        Assert.Equal(measured, current);
    }
}
