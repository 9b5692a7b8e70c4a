using Rampart.Core.Tests.Interop;

namespace Rampart.Policy.Tests.Conformance;

/// <summary>Every conformance case of the shared test data, run once per test process.</summary>
internal static class ConformanceSuite
{
    private static readonly Lazy<IReadOnlyList<CaseResult>> Lazy = new(RunAll);

    public static IReadOnlyList<CaseResult> Results => Lazy.Value;

    public static string Root => Path.Combine(RepoPaths.TestData, "rego");

    private static List<CaseResult> RunAll()
    {
        if (!Directory.Exists(Root))
            Assert.Fail($"Rego test data not found at {Root}. Set RAMPART_TESTDATA to the shared testdata folder.");
        var all = new List<CaseResult>();
        all.AddRange(OpaCases.Run(Path.Combine(Root, "opa")));
        foreach (var kind in new[] { "interpreter", "rvm", "parser", "lexer" })
            all.AddRange(RegorusCases.Run(Path.Combine(Root, "regorus"), kind));
        return all;
    }

    /// <summary>Pass counts per source and per category, as a plain-text table.</summary>
    public static string Report(IReadOnlyList<CaseResult> results)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var source in results.GroupBy(r => r.Source))
        {
            var active = source.Where(r => !r.DisabledUpstream).ToList();
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{source.Key}: {active.Count(r => r.Passed)}/{active.Count} passed ({Percent(active)}), {source.Count(r => r.DisabledUpstream)} disabled upstream");
            foreach (var cat in active.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
                sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {cat.Key,-40} {cat.Count(r => r.Passed),4}/{cat.Count(),-4} {Percent(cat.ToList())}");
        }

        var total = results.Where(r => !r.DisabledUpstream).ToList();
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"all: {total.Count(r => r.Passed)}/{total.Count} passed ({Percent(total)})");
        return sb.ToString();
    }

    public static string Percent(IReadOnlyCollection<CaseResult> r) =>
        r.Count == 0 ? "-" : (100.0 * r.Count(x => x.Passed) / r.Count).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
