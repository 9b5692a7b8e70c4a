using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// For a pattern that begins with a literal (after <c>\b</c>, <c>(?i)</c> and opening groups), what must
/// follow the literal, read from the pattern text as a sequence of steps: character classes, escapes and
/// plain characters with their quantifiers, and groups of plain words (<c>(?:basic|bearer|token)</c>),
/// up to the first construct it does not read, where it stops asking. At a keyword hit every way through
/// those steps is tried (a set of positions, as an automaton would); when none gets through, no match
/// can begin there and no regex need run. <c>(?i)authorization["']?\s*[:=,]\s*["']?(?:basic|bearer|
/// token)\s+</c> turns away <c>Authorization: `Bearer ${token}`</c>; <c>EAA[A-Za-z0-9]{100,}</c> wants a
/// hundred letters or digits. Letters count in both cases, and a non-ASCII character or a run longer
/// than the steps look ahead ends the test with "maybe", so it stays a necessary condition.
/// </summary>
internal sealed partial class KeywordFollow
{
    private const int Reach = 256;

    private readonly string _literal;
    private readonly Step[] _steps;

    private KeywordFollow(string literal, Step[] steps)
    {
        _literal = literal;
        _steps = steps;
    }

    public string Literal => _literal;

    /// <summary>The test for a (translated) pattern, or null when the pattern does not allow one.</summary>
    public static KeywordFollow? For(string pattern)
    {
        var i = 0;
        var depth = SkipOpenings(pattern, ref i, caseFlag: true);

        // An alternative in a group around the literal (or at the top) may begin at the same keyword
        // without what follows the literal here: no test then.
        if (AlternativeAround(pattern, i, depth))
            return null;

        var literal = ReadLiteral(pattern, ref i);
        // A quantifier on the literal's last character, or no literal: no test.
        if (literal.Length == 0 || (i < pattern.Length && pattern[i] is '?' or '*' or '{' or '+'))
            return null;
        var steps = new List<Step>();
        while (i < pattern.Length)
        {
            if (At(pattern, i, @"\b") || At(pattern, i, @"\B"))
            {
                i += 2; // zero-width: the next character is still the next step's
                continue;
            }

            if (pattern[i] == ')')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] is '?' or '*' or '+' or '{')
                    return null;
                i++;
                continue;
            }

            if (Words(pattern, ref i) is { } words)
            {
                steps.Add(words);
                continue;
            }

            if (pattern[i] is '(' or '|' or '^' or '$' || !Atom(pattern, ref i, out var set))
                break;
            var (minimum, maximum) = Quantity(pattern, ref i);
            steps.Add(new Step(set, null, minimum, maximum));
        }

        return steps.Count == 0 || steps.All(s => s.Minimum == 0) ? null : new KeywordFollow(literal, [.. steps]);
    }

    /// <summary>False when no match can begin at <paramref name="hit"/> (text from the keyword hit on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Allows(ReadOnlySpan<char> text, int hit)
    {
        var after = hit + _literal.Length;
        if (after > text.Length)
            return false;
        for (var k = 0; k < _literal.Length; k++)
        {
            var c = text[hit + k];
            if ((c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) != _literal[k])
                return false;
        }

        var ahead = text[after..Math.Min(text.Length, after + Reach)];
        var truncated = text.Length - after > Reach;
        Span<bool> now = stackalloc bool[Reach + 1];
        Span<bool> next = stackalloc bool[Reach + 1];
        now[0] = true;
        // Only the span of positions reached is walked and cleared: most hits fail at the first step.
        int low = 0, high = 0;
        foreach (var step in _steps)
        {
            int nextLow = int.MaxValue, nextHigh = -1;
            for (var p = low; p <= high; p++)
            {
                if (now[p] && step.Take(ahead, p, truncated, next, ref nextLow, ref nextHigh) is null)
                    return true; // undecided
            }

            if (nextHigh < 0)
                return false;
            now[low..(high + 1)].Clear();
            var swap = now;
            now = next;
            next = swap;
            low = nextLow;
            high = nextHigh;
        }

        return true;
    }

    private static string ReadLiteral(string pattern, ref int i)
    {
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

        return literal.ToString();
    }

    // (?:word|word|…) of plain words, optionally followed by ?; null (and i unchanged) for anything else.
    private static Step? Words(string pattern, ref int i)
    {
        if (!At(pattern, i, "(?:"))
            return null;
        var j = i + 3;
        var words = new List<string>();
        while (true)
        {
            var word = ReadLiteral(pattern, ref j);
            if (word.Length == 0 || j >= pattern.Length)
                return null;
            words.Add(word);
            if (pattern[j] == ')')
                break;
            if (pattern[j] != '|')
                return null;
            j++;
        }

        j++;
        var minimum = 1;
        if (j < pattern.Length && pattern[j] is '*' or '+' or '{')
            return null;
        if (j < pattern.Length && pattern[j] == '?')
        {
            minimum = 0;
            j++;
        }

        i = j;
        return new Step(null, [.. words], minimum, 1);
    }

    // The repetitions an atom's quantifier allows ({1,1} without one); skips the quantifier and its lazy mark.
    private static (int Minimum, int Maximum) Quantity(string pattern, ref int i)
    {
        if (i >= pattern.Length)
            return (1, 1);
        (int, int) range;
        if (pattern[i] is '?' or '*' or '+')
        {
            range = pattern[i] switch { '?' => (0, 1), '*' => (0, int.MaxValue), _ => (1, int.MaxValue) };
            i++;
        }
        else if (Quantifier().Match(pattern, i) is { Success: true } quantifier)
        {
            var minimum = int.TryParse(quantifier.Groups["min"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : Reach;
            var maximum = !quantifier.Groups["comma"].Success ? minimum
                : quantifier.Groups["max"].Length == 0 ? int.MaxValue
                : int.TryParse(quantifier.Groups["max"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x) ? x : int.MaxValue;
            range = (minimum, Math.Max(minimum, maximum));
            i += quantifier.Length;
        }
        else
        {
            return (1, 1);
        }

        if (i < pattern.Length && pattern[i] == '?')
            i++;
        return range;
    }

    /// <summary>The fewest repetitions an atom's quantifier allows (1 without one).</summary>
    internal static int Minimum(string pattern, ref int i) => Quantity(pattern, ref i).Minimum;

    /// <summary>One step: a class (ASCII members, both cases) repeated, or one of some plain words.</summary>
    private sealed class Step(bool[]? set, string[]? words, int minimum, int maximum)
    {
        public int Minimum { get; } = minimum;

        /// <summary>
        /// Marks in <paramref name="next"/> where the step can end from <paramref name="p"/>, widening
        /// <paramref name="low"/>..<paramref name="high"/> to cover them; null when undecided.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool? Take(ReadOnlySpan<char> ahead, int p, bool truncated, Span<bool> next, ref int low, ref int high)
        {
            if (Minimum == 0)
                Mark(next, p, ref low, ref high);

            if (words is not null)
            {
                foreach (var word in words)
                {
                    if (ahead.Length - p < word.Length)
                    {
                        if (truncated || ahead[p..].ContainsAnyInRange((char)128, char.MaxValue))
                            return null;
                        continue;
                    }

                    var same = true;
                    for (var k = 0; k < word.Length && same; k++)
                    {
                        var c = ahead[p + k];
                        if (c >= 128)
                            return null;
                        same = (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) == word[k];
                    }

                    if (same)
                        Mark(next, p + word.Length, ref low, ref high);
                }

                return high >= 0;
            }

            var run = 0;
            var limit = (long)maximum;
            while (run < limit && p + run < ahead.Length)
            {
                var c = ahead[p + run];
                if (c >= 128)
                    return null;
                if (!set![c])
                    break;
                run++;
            }

            // The run reaches the end of what is looked at while the pattern would take more: undecided.
            if (run < limit && p + run == ahead.Length && truncated)
                return null;
            for (var k = Math.Max(Minimum, 1); k <= run; k++)
                Mark(next, p + k, ref low, ref high);
            return high >= 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Mark(Span<bool> next, int at, ref int low, ref int high)
        {
            next[at] = true;
            low = Math.Min(low, at);
            high = Math.Max(high, at);
        }
    }

    /// <summary>
    /// Steps over what a pattern may open with before its first atom (word boundaries, groups and,
    /// when <paramref name="caseFlag"/>, a leading <c>(?i)</c>); returns how many groups it entered.
    /// </summary>
    internal static int SkipOpenings(string pattern, ref int i, bool caseFlag)
    {
        var depth = 0;
        while (i < pattern.Length)
        {
            if (At(pattern, i, @"\b"))
            {
                i += 2;
            }
            else if (caseFlag && At(pattern, i, "(?i)"))
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
                return depth;
            }
        }

        return depth;
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

    [GeneratedRegex(@"\G\{(?<min>[0-9]+)(?<comma>,(?<max>[0-9]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Quantifier();
}
