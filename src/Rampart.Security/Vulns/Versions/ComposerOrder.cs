using System.Text;

namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// Packagist (Composer) ordering, which is PHP's <c>version_compare</c>: separators become '.', a dot
/// goes between digits and letters, parts compare as numbers or as special forms ranked
/// dev &lt; alpha = a &lt; beta = b &lt; RC = rc &lt; (number) &lt; pl = p, matched by prefix; unknown text
/// ranks lowest. A leading 'v' is dropped, as Composer does.
/// </summary>
public sealed class ComposerOrder : IVersionOrder
{
    public static ComposerOrder Instance { get; } = new();

    private static readonly ParseCache<string[]> Cache = new(Canonical);

    private static readonly (string Name, int Rank)[] Forms =
        [("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5)];

    public int Compare(string a, string b) => Compare(Cache.Get(a), Cache.Get(b));

    private static int Compare(string[] x, string[] y)
    {
        var i = 0;
        for (; i < x.Length && i < y.Length; i++)
        {
            var nx = Numbers.IsNumber(x[i]);
            var ny = Numbers.IsNumber(y[i]);
            var c = nx && ny ? Numbers.Compare(x[i], y[i])
                : nx ? Special("#").CompareTo(Special(y[i]))
                : ny ? Special(x[i]).CompareTo(Special("#"))
                : Special(x[i]).CompareTo(Special(y[i]));
            if (c != 0)
                return Math.Sign(c);
        }

        if (i < x.Length)
            return Numbers.IsNumber(x[i]) ? 1 : Compare(x[i..], ["#N#"]);
        if (i < y.Length)
            return Numbers.IsNumber(y[i]) ? -1 : Compare(["#N#"], y[i..]);
        return 0;
    }

    private static int Special(string part)
    {
        foreach (var (name, rank) in Forms)
        {
            if (part.StartsWith(name, StringComparison.Ordinal))
                return rank;
        }

        return -1;
    }

    private static string[] Canonical(string version)
    {
        var text = version.Trim();
        if (text.Length > 1 && text[0] is 'v' or 'V' && char.IsAsciiDigit(text[1]))
            text = text[1..];
        var canonical = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '-' or '_' or '+')
            {
                if (canonical.Length > 0 && canonical[^1] != '.')
                    canonical.Append('.');
                continue;
            }

            if (i > 0 && canonical.Length > 0 && canonical[^1] != '.' && c != '.' && text[i - 1] != '.'
                && char.IsAsciiDigit(c) != char.IsAsciiDigit(text[i - 1]))
                canonical.Append('.');
            canonical.Append(c);
        }

        return canonical.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries);
    }
}
