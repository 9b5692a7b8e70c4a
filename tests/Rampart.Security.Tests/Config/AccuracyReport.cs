using System.Globalization;
using System.Text;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

/// <summary>Measures precision and recall on the labelled corpus and the outside fixtures, as a Markdown section of docs/misconfiguration.md.</summary>
internal static class AccuracyReport
{
    public sealed record Tally(int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
    {
        public string Precision => TruePositives + FalsePositives == 0 ? "n/a" : Percent(TruePositives, TruePositives + FalsePositives);

        public string Recall => TruePositives + FalseNegatives == 0 ? "n/a" : Percent(TruePositives, TruePositives + FalseNegatives);
    }

    public static Dictionary<string, Tally> Corpus()
    {
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (check, variant, vulnerable) in Config.Corpus.Variants())
        {
            var fired = Config.Corpus.Scan(check, variant).Findings.Any(f => f.RuleId == check);
            Add(tallies, check, vulnerable, fired);
        }

        return tallies;
    }

    public static Dictionary<string, Tally> KubeScore()
    {
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var folder = Path.Combine(RepoPaths.TestData, "kube-score", "score", "testdata");
        foreach (var (file, check, fires) in FixtureExpectations.KubeScore)
        {
            var report = new ConfigScanner().ScanFiles(folder, [file], ConfigFileType.Kubernetes, TestContext.Current.CancellationToken);
            Add(tallies, check, fires, report.Findings.Any(f => f.RuleId == check));
        }

        return tallies;
    }

    /// <summary>audit → (fixture files, files where one of our matching checks fires).</summary>
    public static List<(string Audit, int Files, int Caught)> Zizmor()
    {
        var root = Path.Combine(RepoPaths.TestData, "zizmor");
        var report = new ConfigScanner().Scan(root, TestContext.Current.CancellationToken);
        var byFile = report.Findings.GroupBy(f => f.Location!.Path).ToDictionary(g => g.Key, g => g.Select(f => f.RuleId).ToHashSet(), StringComparer.Ordinal);
        var rows = new List<(string, int, int)>();
        foreach (var (audit, checks) in FixtureExpectations.Zizmor)
        {
            var files = new List<string>();
            if (Directory.Exists(Path.Combine(root, audit)))
            {
                files.AddRange(Directory.EnumerateFiles(Path.Combine(root, audit), "*.yml", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Where(f => !f.Contains("/configs/", StringComparison.Ordinal)));
            }

            if (File.Exists(Path.Combine(root, audit + ".yml")))
                files.Add(audit + ".yml");
            rows.Add((audit, files.Count, files.Count(f => byFile.TryGetValue(f, out var ids) && ids.Overlaps(checks))));
        }

        return rows;
    }

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("### Labelled corpus (`tests/Rampart.Security.Tests/Config/Corpus/`)\n\n");
        text.Append("| check | vulnerable caught | fixed kept quiet | precision | recall |\n|---|---|---|---|---|\n");
        foreach (var (check, t) in Corpus().OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"| {check} | {t.TruePositives}/{t.TruePositives + t.FalseNegatives} | {t.TrueNegatives}/{t.TrueNegatives + t.FalsePositives} | {t.Precision} | {t.Recall} |\n");
        text.Append("\n### kube-score fixtures (`../shared/testdata/kube-score/`, labels from the file names)\n\n");
        text.Append("| check | should fire, fired | should stay quiet, stayed quiet | precision | recall |\n|---|---|---|---|---|\n");
        foreach (var (check, t) in KubeScore().OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"| {check} | {t.TruePositives}/{t.TruePositives + t.FalseNegatives} | {t.TrueNegatives}/{t.TrueNegatives + t.FalsePositives} | {t.Precision} | {t.Recall} |\n");
        text.Append("\n### zizmor fixtures (`../shared/testdata/zizmor/`, files named after each audit)\n\n");
        text.Append("| zizmor audit | fixture files | files where our check fires |\n|---|---|---|\n");
        foreach (var (audit, files, caught) in Zizmor())
            text.Append(CultureInfo.InvariantCulture, $"| {audit} | {files} | {caught} ({Percent(caught, files)}) |\n");
        return text.ToString();
    }

    private static void Add(Dictionary<string, Tally> tallies, string check, bool positive, bool fired)
    {
        var t = tallies.GetValueOrDefault(check) ?? new Tally(0, 0, 0, 0);
        tallies[check] = (positive, fired) switch
        {
            (true, true) => t with { TruePositives = t.TruePositives + 1 },
            (true, false) => t with { FalseNegatives = t.FalseNegatives + 1 },
            (false, true) => t with { FalsePositives = t.FalsePositives + 1 },
            _ => t with { TrueNegatives = t.TrueNegatives + 1 },
        };
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
}
