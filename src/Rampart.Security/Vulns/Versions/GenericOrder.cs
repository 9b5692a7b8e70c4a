namespace Rampart.Security.Vulns.Versions;

/// <summary>A fallback: runs of digits compare as numbers, other runs as text; used for ecosystems without their own rules and for unparsable text.</summary>
public sealed class GenericOrder : IVersionOrder
{
    public static GenericOrder Instance { get; } = new();

    private static readonly ParseCache<List<string>> Cache = new(Tokens);

    public int Compare(string a, string b)
    {
        var x = Cache.Get(a);
        var y = Cache.Get(b);
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var p = i < x.Count ? x[i] : "0";
            var q = i < y.Count ? y[i] : "0";
            var c = Numbers.IsNumber(p) && Numbers.IsNumber(q) ? Numbers.Compare(p, q)
                : Numbers.IsNumber(p) ? 1 : Numbers.IsNumber(q) ? -1 : Math.Sign(string.CompareOrdinal(p, q));
            if (c != 0)
                return c;
        }

        return 0;
    }

    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
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
            tokens.Add(text[start..i].ToLowerInvariant());
        }

        return tokens;
    }
}
