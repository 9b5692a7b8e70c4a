using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// A cheap necessary condition for an assignment rule (<c>keys</c> + <c>value</c>, see
/// <see cref="Config.AssignmentPattern"/>) whose value is one character class with a length range, such
/// as <c>[A-Za-z0-9+/=_.~-]{16,128}</c>: a window where no such value can stand cannot hold a match,
/// so the regex need not run on it. Most keyword hits of the generic rules (<c>token</c>, <c>secret</c>,
/// <c>password</c>) end there. The pattern puts the value after an operator ending in = : , or &gt;,
/// at most three blanks and one quote later, and a terminator (quote, blank, ; , &amp; ) ] } \ or the
/// end) right after it. So a value is a run of the class starting 1 to 5 characters after an operator:
/// when no terminator character is in the class, exactly a whole run, of a length within the range and
/// followed by a terminator; otherwise a run of at least the minimum length.
/// A non-ASCII character makes the test give up and answer true, so it stays a necessary condition.
/// </summary>
internal sealed partial class ValueRun
{
    private const string Terminators = "\"'`;,&)]}\\ \t\n\r\f\v";

    private static readonly bool[] TerminatorTable = [.. Enumerable.Range(0, 128).Select(c => Terminators.Contains((char)c, StringComparison.Ordinal))];

    private readonly bool[] _ascii;
    private readonly int _minimum;
    private readonly int _maximum;
    private readonly bool _whole;

    private readonly int _distinct;

    private ValueRun(bool[] ascii, int minimum, int maximum, int distinct)
    {
        _ascii = ascii;
        _minimum = minimum;
        _maximum = maximum;
        _whole = !Terminators.Any(c => ascii[c]);
        _distinct = distinct;
    }

    /// <summary>
    /// The fewest different characters a value needs to reach <paramref name="entropy"/> bits per
    /// character: a text of k different characters has at most log2(k) bits per character.
    /// </summary>
    public static int DistinctFor(double entropy)
    {
        var k = 0;
        // With k - 1 characters the entropy stays below the minimum by a margin no rounding closes.
        while (k < 128 && (k < 1 || Math.Log2(k) < entropy - 1e-9))
            k++;
        return entropy <= 0 ? 0 : k;
    }

    /// <summary>
    /// The test for a value pattern, or null when the pattern is not one class with a minimum of 2 or more.
    /// With <paramref name="entropy"/> (the rule's minimum for its secret, which is the value), a value
    /// also needs <see cref="DistinctFor"/> different characters, or the finding would be dropped anyway.
    /// </summary>
    public static ValueRun? For(string valuePattern, double entropy = 0)
    {
        var shape = Shape().Match(valuePattern);
        if (!shape.Success)
            return null;
        var minimum = int.Parse(shape.Groups["min"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var maximum = !shape.Groups["comma"].Success ? minimum
            : shape.Groups["max"].Length == 0 ? int.MaxValue
            : int.Parse(shape.Groups["max"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (minimum < 2 || maximum < minimum)
            return null;
        Regex one;
        try
        {
            one = new Regex("^" + shape.Groups["class"].Value + "$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var ascii = new bool[128];
        for (var c = 0; c < 128; c++)
            ascii[c] = one.IsMatch(((char)c).ToString());
        return new ValueRun(ascii, minimum, maximum, DistinctFor(entropy));
    }

    /// <summary>False when <paramref name="window"/> cannot hold the value of a match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Possible(ReadOnlySpan<char> window)
    {
        // A value starts 1 to 5 characters after an operator's last character.
        // Windows are a line or two: a plain loop beats a vector search's set-up here.
        for (var q = 0; q < window.Length; q++)
        {
            if (window[q] is not ('=' or ':' or ',' or '>'))
                continue;
            for (var p = q + 1; p <= q + 5 && p < window.Length; p++)
            {
                if (Placed(window, p) is null or true)
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a value can start at <paramref name="p"/>: a whole run in range followed by a terminator
    /// when no terminator is in the class, else a run of the minimum length; null when a non-ASCII
    /// character leaves it open.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool? Placed(ReadOnlySpan<char> window, int p)
    {
        var limit = _whole ? _maximum : _minimum - 1;
        var length = 0;
        var end = p;
        for (; end < window.Length && length <= limit; end++, length++)
        {
            var c = window[end];
            if (c >= 128)
                return null;
            if (!_ascii[c])
                break;
        }

        var fits = _whole
            ? length >= _minimum && length <= _maximum && (end == window.Length || (window[end] < 128 && TerminatorTable[window[end]]))
            : length >= _minimum;
        if (!fits)
            return false;
        return _distinct == 0 || Distinct(window, p) is null or true;
    }

    /// <summary>
    /// Whether the run at <paramref name="p"/> (its first maximum characters, of which any value is a
    /// prefix) holds enough different characters; null when a non-ASCII character leaves it open.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool? Distinct(ReadOnlySpan<char> window, int p)
    {
        ulong low = 0, high = 0;
        var end = Math.Min(window.Length, p + Math.Min(_maximum, 4096));
        for (var i = p; i < end; i++)
        {
            var c = window[i];
            if (c >= 128)
                return null;
            if (!_ascii[c])
                break;
            if (c < 64)
                low |= 1UL << c;
            else
                high |= 1UL << (c - 64);
        }

        return BitOperations.PopCount(low) + BitOperations.PopCount(high) >= _distinct;
    }

    // One bracketed class (escapes allowed inside), then {min} or {min,} or {min,max}.
    [GeneratedRegex(@"^(?<class>\[\^?\]?(?:\\.|[^\]\\])*\])\{(?<min>[0-9]{1,4})(?<comma>,(?<max>[0-9]{0,4}))?\}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
