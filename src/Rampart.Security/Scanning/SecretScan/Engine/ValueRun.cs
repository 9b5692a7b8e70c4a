using System.Buffers;
using System.Globalization;
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
/// end) right after it. When no terminator character is in the class, a value is exactly a whole
/// run of the class starting within five characters after an operator, of a length within the range
/// and followed by a terminator; otherwise only a long enough run of the class is asked for.
/// A non-ASCII character makes the test give up and answer true, so it stays a necessary condition.
/// </summary>
internal sealed partial class ValueRun
{
    private const string Terminators = "\"'`;,&)]}\\ \t\n\r\f\v";
    private static readonly SearchValues<char> Operators = SearchValues.Create("=:,>");

    private readonly bool[] _ascii;
    private readonly int _minimum;
    private readonly int _maximum;
    private readonly bool _whole;

    private ValueRun(bool[] ascii, int minimum, int maximum)
    {
        _ascii = ascii;
        _minimum = minimum;
        _maximum = maximum;
        _whole = !Terminators.Any(c => ascii[c]);
    }

    /// <summary>The test for a value pattern, or null when the pattern is not one class with a minimum of 2 or more.</summary>
    public static ValueRun? For(string valuePattern)
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
        return new ValueRun(ascii, minimum, maximum);
    }

    /// <summary>False when <paramref name="window"/> cannot hold the value of a match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Possible(ReadOnlySpan<char> window) => _whole ? Placed(window) : Run(window);

    /// <summary>A run of at least the minimum length anywhere.</summary>
    private bool Run(ReadOnlySpan<char> window)
    {
        var run = 0;
        foreach (var c in window)
        {
            if (c >= 128 || _ascii[c])
            {
                if (++run >= _minimum)
                    return true;
            }
            else
            {
                run = 0;
            }
        }

        return false;
    }

    /// <summary>A whole run of the class, in range, starting 1 to 5 characters after an operator.</summary>
    private bool Placed(ReadOnlySpan<char> window)
    {
        for (var q = window.IndexOfAny(Operators); q >= 0;)
        {
            for (var p = q + 1; p <= q + 5 && p < window.Length; p++)
            {
                var length = 0;
                var end = p;
                for (; end < window.Length && length <= _maximum; end++, length++)
                {
                    var c = window[end];
                    if (c >= 128)
                        return true; // can't tell cheaply whether it is in the class or a blank
                    if (!_ascii[c])
                        break;
                }

                if (length >= _minimum && length <= _maximum && (end == window.Length || Terminators.Contains(window[end])))
                    return true;
            }

            var next = window[(q + 1)..].IndexOfAny(Operators);
            q = next < 0 ? -1 : q + 1 + next;
        }

        return false;
    }

    // One bracketed class (escapes allowed inside), then {min} or {min,} or {min,max}.
    [GeneratedRegex(@"^(?<class>\[\^?\]?(?:\\.|[^\]\\])*\])\{(?<min>[0-9]{1,4})(?<comma>,(?<max>[0-9]{0,4}))?\}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
