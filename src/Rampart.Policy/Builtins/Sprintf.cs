using System.Globalization;
using System.Numerics;
using System.Text;
using Rampart.Policy.Values;

namespace Rampart.Policy.Builtins;

/// <summary>Go's fmt verbs as <c>sprintf</c> uses them: %v %s %d %f %e %g %x %X %o %b %q %t %%, with width, precision and flags.</summary>
internal static class Sprintf
{
    public static string Format(string format, IReadOnlyList<Value> args)
    {
        var sb = new StringBuilder();
        var argi = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            var start = i++;
            var flags = "";
            while (i < format.Length && "-+ 0#".Contains(format[i], StringComparison.Ordinal))
                flags += format[i++];
            var width = ReadInt(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadInt(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argi >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var text = Verb(verb, args[argi++], precision, flags);
            sb.Append(Pad(text, width, flags));
            _ = start;
        }

        if (argi < args.Count)
        {
            sb.Append("%!(EXTRA ");
            sb.Append(string.Join(", ", args.Skip(argi).Select(a => GoType(a) + "=" + Plain(a))));
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static string GoType(Value v) => v switch
    {
        StringValue => "string",
        NumberValue n when n.IsInteger => "int",
        NumberValue => "float64",
        BooleanValue => "bool",
        _ => "ast.Value",
    };

    private static int? ReadInt(string s, ref int i)
    {
        var st = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        return i > st ? int.Parse(s.AsSpan(st, i - st), CultureInfo.InvariantCulture) : null;
    }

    private static string Pad(string text, int? width, string flags)
    {
        if (width is not { } w || text.Length >= w)
            return text;
        if (flags.Contains('-', StringComparison.Ordinal))
            return text.PadRight(w);
        if (flags.Contains('0', StringComparison.Ordinal))
        {
            var neg = text.StartsWith('-') || text.StartsWith('+');
            return neg ? text[0] + text[1..].PadLeft(w - 1, '0') : text.PadLeft(w, '0');
        }

        return text.PadLeft(w);
    }

    private static string Verb(char verb, Value v, int? precision, string flags)
    {
        var plus = flags.Contains('+', StringComparison.Ordinal);
        switch (verb)
        {
            case 'v':
            case 's':
                var s = Plain(v);
                return precision is { } p && verb == 's' && s.Length > p ? s[..p] : s;
            case 'q':
                return v is StringValue qs ? Quote(qs.Value) : Plain(v);
            case 't':
                return v is BooleanValue b ? (b.Value ? "true" : "false") : Bad(verb, v);
            case 'd':
                if (v is NumberValue { IsInteger: true } di)
                    return (plus && di.IntegerValue >= 0 ? "+" : "") + di.IntegerValue.ToString(CultureInfo.InvariantCulture);
                return Bad(verb, v);
            case 'f':
            case 'F':
            case 'e':
            case 'E':
            case 'g':
            case 'G':
                if (v is not NumberValue fn)
                    return Bad(verb, v);
                var d = fn.AsDouble;
                var r = verb switch
                {
                    'f' or 'F' => d.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                    'e' or 'E' => GoExp(d, precision ?? 6, verb),
                    _ => precision is { } gp ? d.ToString("G" + gp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Plain(v),
                };
                return (plus && d >= 0 ? "+" : "") + r;
            case 'x':
            case 'X':
            case 'o':
            case 'b':
                if (v is NumberValue { IsInteger: true } xi)
                    return Based(xi.IntegerValue, verb);
                if (v is StringValue xs && verb is 'x' or 'X')
                {
                    var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(xs.Value));
                    return verb == 'x' ? hex.ToLowerInvariant() : hex;
                }

                return Bad(verb, v);
            default:
                return Bad(verb, v);
        }
    }

    private static string GoExp(double d, int precision, char verb)
    {
        var s = d.ToString((verb == 'e' ? "e" : "E") + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // .NET writes e+006; Go writes e+06.
        var idx = s.IndexOfAny(['e', 'E']);
        var exp = int.Parse(s.AsSpan(idx + 1), CultureInfo.InvariantCulture);
        return s[..(idx + 1)] + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Based(BigInteger i, char verb)
    {
        var neg = i < 0;
        i = BigInteger.Abs(i);
        var radix = verb switch { 'o' => 8, 'b' => 2, _ => 16 };
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, "0123456789abcdef"[(int)(i % radix)]);
            i /= radix;
        }
        while (i > 0);
        var s = sb.ToString();
        if (verb == 'X')
            s = s.ToUpperInvariant();
        return neg ? "-" + s : s;
    }

    private static string Bad(char verb, Value v) => $"%!{verb}({GoType(v)}={Plain(v)})";

    private static string Quote(string s) => ValueJson.Serialize(new StringValue(s));

    /// <summary>A value as Rego prints it in messages: strings bare at top level, composites in Rego syntax.</summary>
    public static string Plain(Value v) => v is StringValue s ? s.Value : RegoText(v);

    public static string RegoText(Value v) => v switch
    {
        StringValue s => Quote(s.Value),
        NumberValue n => n.ToJson(),
        BooleanValue b => b.Value ? "true" : "false",
        NullValue => "null",
        ArrayValue a => "[" + string.Join(", ", a.Items.Select(RegoText)) + "]",
        SetValue set => set.Count == 0 ? "set()" : "{" + string.Join(", ", set.Sorted.Select(RegoText)) + "}",
        ObjectValue o => "{" + string.Join(", ", o.Sorted.Select(kv => RegoText(kv.Key) + ": " + RegoText(kv.Value))) + "}",
        _ => "?",
    };
}
