using System.Globalization;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// A cheap necessary condition for an assignment rule (<c>keys</c> + <c>value</c>) whose value is one
/// character class with a minimum length, such as <c>[A-Za-z0-9+/=_.~-]{16,128}</c>: a window with no
/// run of that many characters of the class cannot hold a match, so the regex need not run on it.
/// Most keyword hits of the generic rules (<c>token</c>, <c>secret</c>, <c>password</c>) end there.
/// A non-ASCII character counts as in the class, which keeps the test a necessary one whatever the class.
/// </summary>
internal sealed partial class ValueRun
{
    private readonly bool[] _ascii;
    private readonly int _minimum;

    private ValueRun(bool[] ascii, int minimum)
    {
        _ascii = ascii;
        _minimum = minimum;
    }

    /// <summary>The test for a value pattern, or null when the pattern is not one class with a minimum of 2 or more.</summary>
    public static ValueRun? For(string valuePattern)
    {
        var shape = Shape().Match(valuePattern);
        if (!shape.Success)
            return null;
        var minimum = int.Parse(shape.Groups["min"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (minimum < 2)
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
        return new ValueRun(ascii, minimum);
    }

    /// <summary>True when <paramref name="window"/> holds at least the minimum run of class characters.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Possible(ReadOnlySpan<char> window)
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

    // One bracketed class (escapes allowed inside), then {min} or {min,} or {min,max}.
    [GeneratedRegex(@"^(?<class>\[\^?\]?(?:\\.|[^\]\\])*\])\{(?<min>[0-9]{1,4})(?:,[0-9]{0,4})?\}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
