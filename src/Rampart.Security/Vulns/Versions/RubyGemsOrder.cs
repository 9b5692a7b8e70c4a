namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// <c>Gem::Version</c> ordering: segments are digit runs (numbers) or letter runs (prerelease text);
/// trailing zeros of the release and of the prerelease part are dropped; text sorts before numbers.
/// </summary>
public sealed class RubyGemsOrder : IVersionOrder
{
    public static RubyGemsOrder Instance { get; } = new();

    private static readonly ParseCache<List<string>> Cache = new(Canonical);

    public int Compare(string a, string b)
    {
        var x = Cache.Get(a);
        var y = Cache.Get(b);
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var p = i < x.Count ? x[i] : "0";
            var q = i < y.Count ? y[i] : "0";
            if (p == q)
                continue;
            var np = Numbers.IsNumber(p);
            var nq = Numbers.IsNumber(q);
            if (!np && nq)
                return -1;
            if (np && !nq)
                return 1;
            return np ? Numbers.Compare(p, q) : Math.Sign(string.CompareOrdinal(p, q));
        }

        return 0;
    }

    private static List<string> Canonical(string version)
    {
        var segments = new List<string>();
        var text = version.Trim().Replace('-', '.');
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var digit = char.IsAsciiDigit(text[i]);
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]) && char.IsAsciiDigit(text[i]) == digit)
                i++;
            var s = text[start..i];
            segments.Add(digit ? (s.TrimStart('0') is { Length: > 0 } t ? t : "0") : s);
        }

        var firstText = segments.FindIndex(s => !Numbers.IsNumber(s));
        var release = firstText < 0 ? segments : segments[..firstText];
        var pre = firstText < 0 ? [] : segments[firstText..];
        TrimZeros(release);
        TrimZeros(pre);
        return [.. release, .. pre];
    }

    private static void TrimZeros(List<string> list)
    {
        while (list.Count > 0 && list[^1] == "0")
            list.RemoveAt(list.Count - 1);
    }
}
