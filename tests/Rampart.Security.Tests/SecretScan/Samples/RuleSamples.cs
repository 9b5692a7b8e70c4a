using Tomlyn;
using Tomlyn.Model;

namespace Rampart.Security.Tests.SecretScan.Samples;

/// <summary>Reads rule-samples.toml (next to the test binary) and expands its templates.</summary>
public static class RuleSamples
{
    private static readonly Lazy<IReadOnlyList<RuleSample>> LazyAll = new(Load);

    public static IReadOnlyList<RuleSample> All => LazyAll.Value;

    public static TheoryData<RuleSample> Positives() => [.. All.Where(s => s.Positive)];

    public static TheoryData<RuleSample> Negatives() => [.. All.Where(s => !s.Positive)];

    private static List<RuleSample> Load()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "SecretScan", "Samples", "rule-samples.toml");
        var root = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(file))!;
        var samples = new List<RuleSample>();
        foreach (var (id, value) in root)
        {
            var table = (TomlTable)value;
            var path = table.TryGetValue("path", out var p) ? (string)p : "sample.txt";
            var index = 0;
            foreach (var text in Strings(table, "tp"))
                samples.Add(new RuleSample(id, FakeSecrets.Expand(text, FakeSecrets.Seed(id + index)), path, true, index++));
            foreach (var text in Strings(table, "fp"))
                samples.Add(new RuleSample(id, FakeSecrets.Expand(text, FakeSecrets.Seed(id + index)), path, false, index++));
            foreach (var otherPath in Strings(table, "fp_paths"))
                samples.Add(new RuleSample(id, "content", otherPath, false, index++));
        }

        return samples;
    }

    private static IEnumerable<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? ((TomlArray)value).Cast<string>() : [];
}
