using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// For a pattern that begins with a literal (after <c>\b</c>, <c>(?i)</c> and opening groups), the ASCII
/// characters that can come right after it: the first atoms after the literal, up to and including the
/// first one that must occur (<c>["']?\s*[:=,]</c> gives quote, blank or <c>: = ,</c>). A keyword hit
/// whose next character is not among them cannot begin a match, so no regex need run for it.
/// Read from the pattern text; anything it does not understand (a group, an alternation, the end of
/// the pattern) gives no test at all. Letters count in both cases and a non-ASCII character always
/// passes, so the test stays a necessary condition.
/// </summary>
internal sealed partial class KeywordFollow
{
    private readonly string _literal;
    private readonly bool[] _next;

    private KeywordFollow(string literal, bool[] next)
    {
        _literal = literal;
        _next = next;
    }

    public string Literal => _literal;

    /// <summary>The test for a (translated) pattern, or null when the pattern does not allow one.</summary>
    public static KeywordFollow? For(string pattern)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            if (At(pattern, i, @"\b"))
                i += 2;
            else if (At(pattern, i, "(?i)"))
                i += 4;
            else if (At(pattern, i, "(?:"))
                i += 3;
            else if (pattern[i] == '(' && (i + 1 >= pattern.Length || pattern[i + 1] != '?'))
                i += 1;
            else
                break;
        }

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
            var optional = Optional(pattern, ref i);
            for (var c = 0; c < 128; c++)
                next[c] |= atom[c];
            if (!optional)
                return new KeywordFollow(literal.ToString(), next);
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

        var next = text[after];
        return next >= 128 || _next[next];
    }

    private static bool At(string pattern, int i, string what) => pattern.AsSpan(i).StartsWith(what, StringComparison.Ordinal);

    // One atom: a class, an escape or a plain character; the ASCII characters it matches in either case.
    private static bool Atom(string pattern, ref int i, out bool[] set)
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

    // A quantifier that allows zero repetitions (?, *, {0,…}); skips any quantifier and its lazy mark.
    private static bool Optional(string pattern, ref int i)
    {
        if (i >= pattern.Length)
            return false;
        var optional = false;
        if (pattern[i] is '?' or '*')
        {
            optional = true;
            i++;
        }
        else if (pattern[i] == '+')
        {
            i++;
        }
        else if (Quantifier().Match(pattern, i) is { Success: true } quantifier)
        {
            optional = quantifier.Groups["min"].Value.All(c => c == '0');
            i += quantifier.Length;
        }
        else
        {
            return false;
        }

        if (i < pattern.Length && pattern[i] == '?')
            i++;
        return optional;
    }

    [GeneratedRegex(@"\G\{(?<min>[0-9]+)(?:,[0-9]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Quantifier();
}
