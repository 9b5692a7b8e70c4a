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

    /// <summary>
    /// The lines zizmor's own snapshot tests expect for these template-injection fixtures (its default
    /// persona); the false-positive regressions must stay without any template-injection finding. The
    /// informational guesses zizmor makes on issue-339 and issue-1903 are deliberately not reproduced
    /// (see docs/misconfiguration.md).
    /// </summary>
    [Theory]
    [InlineData("template-injection/pr-317-repro.yml", new[] { 28 })]
    [InlineData("template-injection/issue-883-repro/action.yml", new[] { 48, 56, 57, 60, 65, 110, 111 })]
    [InlineData("template-injection/static-env.yml", new[] { 43, 50, 55 })]
    [InlineData("template-injection/pr-425-backstop/action.yml", new[] { 14, 20, 26, 31 })]
    [InlineData("template-injection/codeql-sinks.yml", new[] { 17 })]
    [InlineData("template-injection/pwsh-script.yml", new[] { 16 })]
    [InlineData("template-injection/template-injection-dynamic-matrix.yml", new[] { 26 })]
    [InlineData("template-injection/issue-2197-repro.yml", new int[0])]
    [InlineData("template-injection/issue-1638-repro.yml", new int[0])]
    [InlineData("template-injection/issue-1802-repro.yml", new int[0])]
    [InlineData("template-injection/issue-1903-repro.yml", new int[0])]
    [InlineData("template-injection/issue-339-repro.yml", new int[0])]
    [InlineData("template-injection/issue-22-repro.yml", new int[0])]
    [InlineData("template-injection/issue-418-repro.yml", new int[0])]
    [InlineData("template-injection/issue-749-repro.yml", new int[0])]
    [InlineData("template-injection/false-positive-menagerie.yml", new int[0])]
    public void ZizmorTemplateInjection_ReportsTheLinesZizmorExpects(string fixture, int[] lines)
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.TestData, "zizmor", fixture)), $"{fixture} not found");
        Assert.Equal(lines, ZizmorInjectionLines.Value.GetValueOrDefault(fixture) ?? []);
    }

    private static readonly Lazy<Dictionary<string, int[]>> ZizmorInjectionLines = new(() =>
        new ConfigScanner().Scan(Path.Combine(RepoPaths.TestData, "zizmor", "template-injection"), CancellationToken.None).Findings
            .Where(f => f.RuleId == "gha-template-injection")
            .GroupBy(f => "template-injection/" + f.Location!.Path)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Location!.StartLine).Order().ToArray(), StringComparer.Ordinal));

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
