namespace Rampart.Policy.Tests.Conformance;

/// <summary>The checked-in list of conformance cases known to fail, one per line: id TAB reason.</summary>
internal static class SkipList
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Conformance", "skip-list.txt");

    public static string SourcePath => Path.Combine(Rampart.Core.Tests.Interop.RepoPaths.Root, "tests", "Rampart.Policy.Tests", "Conformance", "skip-list.txt");

    public static Dictionary<string, string> Load()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(FilePath))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            Assert.True(tab > 0, $"skip-list line without a reason: {line}");
            d[line[..tab]] = line[(tab + 1)..];
        }

        return d;
    }
}
