using System.Runtime.CompilerServices;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// For a pattern that begins with one quantified atom and then a literal that starts with every keyword
/// (<c>\b([0-9a-f]{32}-us\d{1,2})\b</c>, keyword <c>-us</c>): the atom's minimum run must stand right
/// before the keyword. A hit without it cannot be where the literal of a match is; the literal's own
/// hit, with the run before it, is tried on its own. Non-ASCII characters always pass.
/// </summary>
internal sealed class KeywordPrecede
{
    private readonly bool[] _set;
    private readonly int _run;

    private KeywordPrecede(bool[] set, int run)
    {
        _set = set;
        _run = run;
    }

    /// <summary>The test for a (translated) pattern, or null when it does not have that shape.</summary>
    public static KeywordPrecede? For(string pattern, IReadOnlyList<string> keywords)
    {
        var i = 0;
        var depth = KeywordFollow.SkipOpenings(pattern, ref i, caseFlag: false);

        if (i >= pattern.Length || KeywordFollow.AlternativeAround(pattern, i, depth) || !KeywordFollow.Atom(pattern, ref i, out var set))
            return null;
        var run = KeywordFollow.Minimum(pattern, ref i);
        if (run < 1 || i >= pattern.Length)
            return null;
        var literal = new System.Text.StringBuilder();
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '~' or '!' or '<' or '>' or '"' or ':' or '/' or '@' or '%' or '=' or '\'')
                literal.Append(char.ToLowerInvariant(c));
            else if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '.' or '$' or '-' or '/' or '+')
                literal.Append(pattern[++i]);
            else
                break;
        }

        if (i < pattern.Length && pattern[i] is '?' or '*' or '{' or '+')
            literal.Length = Math.Max(0, literal.Length - 1);
        var text = literal.ToString();
        if (text.Length == 0 || keywords.Count == 0 || !keywords.All(k => text.StartsWith(k.ToLowerInvariant(), StringComparison.Ordinal)))
            return null;
        return new KeywordPrecede(set, Math.Min(run, 256));
    }

    /// <summary>False when the atom's minimum run does not stand right before <paramref name="hit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Allows(ReadOnlySpan<char> text, int hit)
    {
        if (hit < _run)
            return text[..hit].ContainsAnyInRange((char)128, char.MaxValue);
        for (var i = hit - _run; i < hit; i++)
        {
            var c = text[i];
            if (c >= 128)
                return true;
            if (!_set[c])
                return false;
        }

        return true;
    }
}
