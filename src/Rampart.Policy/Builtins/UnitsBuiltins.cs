using System.Globalization;
using System.Numerics;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>units.parse (SI and binary suffixes, milli) and units.parse_bytes, in exact decimal arithmetic.</summary>
internal static class UnitsBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("units.parse", 1, (_, a) => Parse(Str(a, 0), bytes: false)));
        add(new("units.parse_bytes", 1, (_, a) => Parse(Str(a, 0), bytes: true)));
    }

    private static NumberValue Parse(string raw, bool bytes)
    {
        var s = raw.Replace("\"", "", StringComparison.Ordinal);
        if (s.Contains(' ', StringComparison.Ordinal))
            throw new BuiltinException("spaces not allowed in resource strings");
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || (i > 0 && s[i] is 'e' or 'E' && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '-' or '+')) || (i > 0 && s[i] is '-' or '+' && s[i - 1] is 'e' or 'E')))
            i++;
        var num = s[..i];
        var suffix = s[i..];
        if (num.Length == 0)
            throw new BuiltinException(bytes ? "no byte amount provided" : "no amount provided");
        decimal value;
        var e = num.IndexOfAny(['e', 'E']);
        if (e > 0)
        {
            if (!decimal.TryParse(num[..e], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || !int.TryParse(num[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp))
                throw new BuiltinException(bytes ? "could not parse byte amount to a number" : "could not parse amount to a number");
            if (Math.Abs(exp) > 28)
                throw new BuiltinException("exponent too large");
            value *= Pow10(exp);
        }
        else if (!decimal.TryParse(num, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            throw new BuiltinException(bytes ? "could not parse byte amount to a number" : "could not parse amount to a number");
        }

        var multiplier = Multiplier(bytes ? suffix.ToLowerInvariant() : suffix, bytes) ?? throw new BuiltinException(bytes ? $"byte unit {suffix} not recognized" : $"unit {suffix} not recognized");
        decimal result;
        try
        {
            result = value * multiplier;
        }
        catch (OverflowException)
        {
            var big = new BigInteger(value) * new BigInteger(multiplier);
            return NumberValue.Of(big);
        }

        return bytes ? NumberValue.Of(new BigInteger(decimal.Floor(result))) : NumberValue.Of(result);
    }

    private static decimal Pow10(int exp)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(exp); i++)
            r *= 10;
        return exp < 0 ? 1 / r : r;
    }

    private static decimal? Multiplier(string suffix, bool bytes)
    {
        if (bytes && suffix.EndsWith('b'))
            suffix = suffix[..^1];
        if (bytes)
        {
            return suffix switch
            {
                "" => 1m,
                "k" => 1e3m, "m" => 1e6m, "g" => 1e9m, "t" => 1e12m, "p" => 1e15m, "e" => 1e18m,
                "ki" => 1024m, "mi" => 1024m * 1024, "gi" => 1024m * 1024 * 1024, "ti" => 1024m * 1024 * 1024 * 1024,
                "pi" => 1024m * 1024 * 1024 * 1024 * 1024, "ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
                _ => null,
            };
        }

        // As OPA: only the first letter keeps its case, so m (milli) and M (mega) differ and Ki, KI, ki are one.
        if (suffix.Length > 1)
            suffix = suffix[..1] + suffix[1..].ToLowerInvariant();
        return suffix switch
        {
            "" => 1m,
            "m" => 0.001m,
            "k" or "K" => 1e3m, "M" => 1e6m, "g" or "G" => 1e9m, "t" or "T" => 1e12m, "p" or "P" => 1e15m, "e" or "E" => 1e18m,
            "ki" or "Ki" => 1024m, "mi" or "Mi" => 1024m * 1024, "gi" or "Gi" => 1024m * 1024 * 1024, "ti" or "Ti" => 1024m * 1024 * 1024 * 1024,
            "pi" or "Pi" => 1024m * 1024 * 1024 * 1024 * 1024, "ei" or "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => null,
        };
    }
}
