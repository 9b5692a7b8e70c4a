using System.Globalization;
using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;

namespace Rampart.Security.Tests.SecretScan;

/// <summary>
/// Precision and recall of the built-in rules on the labelled corpus (Corpus/): every planted secret
/// must be found (per line), and nothing else may be reported. Goals: recall ≥ 95%, precision ≥ 90%.
/// </summary>
public sealed partial class CorpusAccuracyTests
{
    [GeneratedRegex(@"\[\[S:([a-z0-9-]+)\]\](.*?)\[\[/S\]\]", RegexOptions.Singleline)]
    private static partial Regex Label();

    [Fact]
    public async Task BuiltInRules_MeetPrecisionAndRecallGoals_OnTheLabelledCorpus()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "SecretScan", "Corpus");
        using var tree = TempRepo.Empty();
        var labels = new List<(string Path, int First, int Last, string Rule)>();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative == "README.md")
                continue;
            var expanded = FakeSecrets.Expand(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), FakeSecrets.Seed(relative));
            var text = Label().Replace(expanded, m =>
            {
                var first = expanded[..m.Index].Count(c => c == '\n') + 1;
                var last = first + m.Groups[2].Value.Count(c => c == '\n');
                labels.Add((relative, first, last, m.Groups[1].Value));
                return m.Groups[2].Value;
            });
            tree.Write(relative, text);
        }

        var result = await new SecretScanEngine(BuiltInRules.Compiled).ScanDirectoryAsync(tree.Path, null, TestContext.Current.CancellationToken);
        bool Matches(SecretFinding f, (string Path, int First, int Last, string Rule) l) => f.Path == l.Path && f.Line >= l.First && f.Line <= l.Last;
        var falsePositives = result.Findings.Where(f => !labels.Any(l => Matches(f, l))).ToList();
        var missed = labels.Where(l => !result.Findings.Any(f => Matches(f, l))).ToList();
        var rightRule = labels.Count(l => result.Findings.Any(f => Matches(f, l) && f.RuleId == l.Rule));
        var precision = result.Findings.Count == 0 ? 0 : (double)(result.Findings.Count - falsePositives.Count) / result.Findings.Count;
        var recall = (double)(labels.Count - missed.Count) / labels.Count;

        var report = string.Create(CultureInfo.InvariantCulture,
            $"corpus: {labels.Count} planted secrets, {result.Stats.Files} files; findings {result.Findings.Count}; precision {precision:P1}; recall {recall:P1}; right rule {rightRule}/{labels.Count}")
            + string.Concat(falsePositives.Select(f => $"\n  false positive: {f.RuleId} {f.Path}:{f.Line}"))
            + string.Concat(missed.Select(l => $"\n  missed: {l.Rule} {l.Path}:{l.First}"));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "secret-corpus-accuracy.txt"), report, TestContext.Current.CancellationToken);
        Assert.True(labels.Count >= 25, report);
        Assert.True(recall >= 0.95, report);
        Assert.True(precision >= 0.90, report);
    }
}
