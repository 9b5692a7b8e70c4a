using System.Globalization;
using System.Text.Json;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// The data file of actions with a known supply-chain compromise (embedded from
/// <c>known-compromised-actions.json</c>, which is maintained by hand as advisories appear).
/// </summary>
internal static class KnownCompromisedActions
{
    private static readonly Lazy<Dictionary<string, Entry>> Entries = new(Load);

    /// <summary>The advisory when <paramref name="action"/> at <paramref name="reference"/> is known compromised.</summary>
    public static string? Match(string action, string reference)
    {
        if (!Entries.Value.TryGetValue(action.ToLowerInvariant(), out var entry))
            return null;
        if (entry.MaliciousCommits.Contains(reference.ToLowerInvariant()))
            return entry.Advisory + ", malicious commit";
        if (entry.AffectedRefs.Contains(reference))
            return entry.Advisory;
        if (entry.Fixed is { } fixedVersion && ParseVersion(reference) is { } version && ParseVersion(fixedVersion) is { } fix && Compare(version, fix) < 0)
            return $"{entry.Advisory}, fixed in {fixedVersion}";
        return null;
    }

    public static IReadOnlyCollection<string> Names => Entries.Value.Keys;

    private static int[]? ParseVersion(string text)
    {
        var t = text.StartsWith('v') ? text[1..] : text;
        var parts = t.Split('.');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        }

        return numbers;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
                return x.CompareTo(y);
        }

        return 0;
    }

    private static Dictionary<string, Entry> Load()
    {
        using var stream = typeof(KnownCompromisedActions).Assembly.GetManifestResourceStream("Rampart.Security.KnownCompromisedActions.json")
            ?? throw new InvalidOperationException("known-compromised-actions.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var item in doc.RootElement.GetProperty("actions").EnumerateArray())
        {
            var name = item.GetProperty("action").GetString()!.ToLowerInvariant();
            result[name] = new Entry(
                item.GetProperty("advisory").GetString()!,
                item.GetProperty("fixed").GetString(),
                new HashSet<string>(item.GetProperty("affectedRefs").EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal),
                new HashSet<string>(item.GetProperty("maliciousCommits").EnumerateArray().Select(e => e.GetString()!.ToLowerInvariant()), StringComparer.Ordinal));
        }

        return result;
    }

    private sealed record Entry(string Advisory, string? Fixed, HashSet<string> AffectedRefs, HashSet<string> MaliciousCommits);
}
