using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// For a pattern that begins with a literal (after <c>\b</c>, <c>(?i)</c> and opening groups), the ASCII
/// characters that can come right after it: the first atoms after the literal, up to and including the
/// first one that must occur (<c>["']?\s*[:=,]</c> gives quote, blank or <c>: = ,</c>); when that is the
/// very first atom, the whole of its minimum run (<c>EAA[A-Za-z0-9]{100,}</c>: a hundred letters or
/// digits). A keyword hit not followed so cannot begin a match, so no regex need run for it.
/// Read from the pattern text; anything it does not understand (a group, an alternation, the end of
/// the pattern) gives no test at all. Letters count in both cases and a non-ASCII character always
/// passes, so the test stays a necessary condition.
/// </summary>
internal sealed partial class KeywordFollow
{
    private readonly string _literal;
    private readonly bool[] _next;
    private readonly int _run;

    private KeywordFollow(string literal, bool[] next, int run)
    {
        _literal = literal;
        _next = next;
        _run = Math.Min(run, 256);
    }

    public string Literal => _literal;

    /// <summary>The test for a (translated) pattern, or null when the pattern does not allow one.</summary>
    public static KeywordFollow? For(string pattern)
    {
        var i = 0;
        var depth = 0;
        while (i < pattern.Length)
        {
            if (At(pattern, i, @"\b"))
            {
                i += 2;
            }
            else if (At(pattern, i, "(?i)"))
            {
                i += 4;
            }
            else if (At(pattern, i, "(?:"))
            {
                i += 3;
                depth++;
            }
            else if (pattern[i] == '(' && (i + 1 >= pattern.Length || pattern[i + 1] != '?'))
            {
                i += 1;
                depth++;
            }
            else
            {
                break;
            }
        }

        // An alternative in a group around the literal (or at the top) may begin at the same keyword
        // without what follows the literal here: no test then.
        if (AlternativeAround(pattern, i, depth))
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

        // A quantifier on the literal's last character, or no literal: no test.
        if (literal.Length == 0 || (i < pattern.Length && pattern[i] is '?' or '*' or '{' or '+'))
            return null;
        var next = new bool[128];
        var first = true;
        while (i < pattern.Length)
        {
            if (At(pattern, i, @"\b") || At(pattern, i, @"\B"))
            {
                i += 2; // zero-width: the next character is still the next atom's
                continue;
            }

            if (pattern[i] == ')')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] is '?' or '*' or '+' or '{')
                    return null;
                i++;
                continue;
            }

            if (!Atom(pattern, ref i, out var atom))
                return null;
            var minimum = Minimum(pattern, ref i);
            for (var c = 0; c < 128; c++)
                next[c] |= atom[c];
            // When the first atom must occur, its whole minimum run must follow the literal
            // (EAA[A-Za-z0-9]{100,}: a hundred letters or digits).
            if (minimum > 0)
                return new KeywordFollow(literal.ToString(), next, first ? minimum : 1);
            first = false;
        }

        return null; // the match may end right after the literal
    }

    /// <summary>False when no match can begin at <paramref name="hit"/> (text from the keyword hit on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Allows(ReadOnlySpan<char> text, int hit)
    {
        var after = hit + _literal.Length;
        if (after >= text.Length)
            return false;
        for (var k = 0; k < _literal.Length; k++)
        {
            var c = text[hit + k];
            if ((c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) != _literal[k])
                return false;
        }

        var end = Math.Min(text.Length, after + _run);
        if (end - after < _run)
        {
            // Too little text for the run: only a non-ASCII character (undecided) could still allow it.
            return text[after..].ContainsAnyInRange((char)128, char.MaxValue) && Run(text, after, text.Length);
        }

        return Run(text, after, end);
    }

    private bool Run(ReadOnlySpan<char> text, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            var c = text[i];
            if (c >= 128)
                return true;
            if (!_next[c])
                return false;
        }

        return true;
    }

    internal static bool AlternativeAround(string pattern, int from, int depth)
    {
        var level = depth;
        for (var i = from; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                        i++;
                    if (i < pattern.Length && pattern[i] == ']')
                        i++;
                    while (i < pattern.Length && pattern[i] != ']')
                        i += pattern[i] == '\\' ? 2 : 1;
                    break;
                case '(':
                    level++;
                    break;
                case ')':
                    level--;
                    break;
                case '|' when level <= depth:
                    return true;
            }
        }

        return false;
    }

    internal static bool At(string pattern, int i, string what) => pattern.AsSpan(i).StartsWith(what, StringComparison.Ordinal);

    // One atom: a class, an escape or a plain character; the ASCII characters it matches in either case.
    internal static bool Atom(string pattern, ref int i, out bool[] set)
    {
        set = new bool[128];
        string atom;
        var c = pattern[i];
        if (c == '[')
        {
            var end = i + 1;
            if (end < pattern.Length && pattern[end] == '^')
                end++;
            if (end < pattern.Length && pattern[end] == ']')
                end++;
            while (end < pattern.Length && pattern[end] != ']')
                end += pattern[end] == '\\' ? 2 : 1;
            if (end >= pattern.Length)
                return false;
            atom = pattern[i..(end + 1)];
            i = end + 1;
        }
        else if (c == '\\' && i + 1 < pattern.Length && !char.IsAsciiDigit(pattern[i + 1]) && pattern[i + 1] is not ('p' or 'P' or 'x' or 'u' or 'k' or 'A' or 'z' or 'Z' or 'G'))
        {
            atom = pattern.Substring(i, 2);
            i += 2;
        }
        else if (c == '.')
        {
            atom = ".";
            i++;
        }
        else if (c is '(' or '|' or '^' or '$' or '\\' or '?' or '*' or '+' or '{')
        {
            return false;
        }
        else
        {
            atom = Regex.Escape(c.ToString());
            i++;
        }

        Regex one;
        try
        {
            one = new Regex("^" + atom + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }

        for (var k = 0; k < 128; k++)
            set[k] = one.IsMatch(((char)k).ToString());
        return true;
    }

    // The fewest repetitions an atom's quantifier allows (1 without one); skips the quantifier and its lazy mark.
    internal static int Minimum(string pattern, ref int i)
    {
        if (i >= pattern.Length)
            return 1;
        int minimum;
        if (pattern[i] is '?' or '*')
        {
            minimum = 0;
            i++;
        }
        else if (pattern[i] == '+')
        {
            minimum = 1;
            i++;
        }
        else if (Quantifier().Match(pattern, i) is { Success: true } quantifier)
        {
            minimum = int.TryParse(quantifier.Groups["min"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 256;
            i += quantifier.Length;
        }
        else
        {
            return 1;
        }

        if (i < pattern.Length && pattern[i] == '?')
            i++;
        return minimum;
    }

    [GeneratedRegex(@"\G\{(?<min>[0-9]+)(?:,[0-9]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Quantifier();
}
