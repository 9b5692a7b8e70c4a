using System.Globalization;
using System.Numerics;
using System.Text;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>String built-ins.</summary>
internal static class StringBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("concat", 2, (_, a) => S(string.Join(Str(a, 0), Strings(a, 1)))));
        add(new("contains", 2, (_, a) => B(Str(a, 0).Contains(Str(a, 1), StringComparison.Ordinal))));
        add(new("startswith", 2, (_, a) => B(Str(a, 0).StartsWith(Str(a, 1), StringComparison.Ordinal))));
        add(new("endswith", 2, (_, a) => B(Str(a, 0).EndsWith(Str(a, 1), StringComparison.Ordinal))));
        add(new("lower", 1, (_, a) => S(Str(a, 0).ToLowerInvariant())));
        add(new("upper", 1, (_, a) => S(Str(a, 0).ToUpperInvariant())));
        add(new("split", 2, (_, a) => new ArrayValue(Split(Str(a, 0), Str(a, 1)))));
        add(new("strings.split_n", 3, (_, a) =>
        {
            var parts = Split(Str(a, 0), Str(a, 1));
            var n = Int(a, 2);
            return new ArrayValue(n >= 0 ? parts.Take(n).ToList() : parts.Skip(Math.Max(0, parts.Count + n)).ToList());
        }));
        add(new("replace", 3, (_, a) => S(Str(a, 1).Length == 0 ? InsertEverywhere(Str(a, 0), Str(a, 2)) : Str(a, 0).Replace(Str(a, 1), Str(a, 2), StringComparison.Ordinal))));
        add(new("strings.replace_n", 2, (_, a) =>
        {
            var s = Str(a, 1);
            foreach (var (k, v) in Obj(a, 0).Sorted)
                s = s.Replace(k is StringValue ks ? ks.Value : throw TypeError(0, "object[string: string]", a[0]), v is StringValue vs ? vs.Value : throw TypeError(0, "object[string: string]", a[0]), StringComparison.Ordinal);
            return S(s);
        }));
        add(new("trim", 2, (_, a) => S(Str(a, 0).Trim(Str(a, 1).ToCharArray()))));
        add(new("trim_left", 2, (_, a) => S(Str(a, 0).TrimStart(Str(a, 1).ToCharArray()))));
        add(new("trim_right", 2, (_, a) => S(Str(a, 0).TrimEnd(Str(a, 1).ToCharArray()))));
        add(new("trim_prefix", 2, (_, a) => S(Str(a, 0).StartsWith(Str(a, 1), StringComparison.Ordinal) ? Str(a, 0)[Str(a, 1).Length..] : Str(a, 0))));
        add(new("trim_suffix", 2, (_, a) => S(Str(a, 0).EndsWith(Str(a, 1), StringComparison.Ordinal) ? Str(a, 0)[..^Str(a, 1).Length] : Str(a, 0))));
        add(new("trim_space", 1, (_, a) => S(Str(a, 0).Trim())));
        add(new("indexof", 2, (_, a) => Str(a, 0) is var s && Str(a, 1) is var sub && sub.Length == 0 ? NumberValue.Of(-1) : NumberValue.Of(RuneIndex(s, s.IndexOf(sub, StringComparison.Ordinal)))));
        add(new("indexof_n", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var sub = Str(a, 1);
            var list = new List<Value>();
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0 && sub.Length > 0; i = s.IndexOf(sub, i + 1, StringComparison.Ordinal))
                list.Add(NumberValue.Of(RuneIndex(s, i)));
            return new ArrayValue(list);
        }));
        add(new("substring", 3, (_, a) => S(Substring(Str(a, 0), Int(a, 1), Int(a, 2)))));
        add(new("strings.reverse", 1, (_, a) => S(string.Concat(Str(a, 0).EnumerateRunes().Reverse().Select(r => r.ToString())))));
        add(new("strings.count", 2, (_, a) => NumberValue.Of(CountOf(Str(a, 0), Str(a, 1)))));
        add(new("strings.any_prefix_match", 2, (_, a) => B(StrList(a, 0).Any(s => StrList(a, 1).Any(p => s.StartsWith(p, StringComparison.Ordinal))))));
        add(new("strings.any_suffix_match", 2, (_, a) => B(StrList(a, 0).Any(s => StrList(a, 1).Any(p => s.EndsWith(p, StringComparison.Ordinal))))));
        add(new("format_int", 2, (_, a) => S(FormatInt(Num(a, 0), Int(a, 1)))));
        add(new("to_number", 1, (_, a) => a[0] switch
        {
            NumberValue n => n,
            NullValue => NumberValue.Of(0),
            BooleanValue b => NumberValue.Of(b.Value ? 1 : 0),
            StringValue s => ParseNumber(s.Value),
            _ => throw TypeError(0, "one of {boolean, null, number, string}", a[0]),
        }));
        add(new("sprintf", 2, (_, a) => S(Sprintf.Format(Str(a, 0), Arr(a, 1).Items))));
        SemverBuiltins.Register(add);
    }

    private static List<string> StrList(Value[] a, int i)
    {
        if (a[i] is StringValue s)
            return [s.Value];
        if (a[i] is not (ArrayValue or SetValue))
            throw TypeError(i, "one of {string, set, array}", a[i]);
        var list = new List<string>();
        foreach (var v in ArrOrSet(a, i))
            list.Add(v is StringValue vs ? vs.Value : throw new BuiltinException($"operand {i + 1} must be {(a[i] is SetValue ? "set" : "array")} of strings but got {a[i].TypeName} containing {v.TypeName}", "eval_type_error"));
        return list;
    }

    private static NumberValue ParseNumber(string s)
    {
        if (s.Length == 0 || s.Trim() != s || s.StartsWith('+') || s.Contains('_', StringComparison.Ordinal) || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            throw new BuiltinException($"invalid syntax");
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d) || double.IsNaN(d))
            throw new BuiltinException("invalid syntax");
        return NumberValue.Parse(s);
    }

    private static List<Value> Split(string s, string sep)
    {
        if (sep.Length == 0)
            return s.EnumerateRunes().Select(r => (Value)S(r.ToString())).ToList();
        return s.Split(sep).Select(x => (Value)S(x)).ToList();
    }

    private static string InsertEverywhere(string s, string ins)
    {
        var sb = new StringBuilder(ins);
        foreach (var r in s.EnumerateRunes())
            sb.Append(r.ToString()).Append(ins);
        return sb.ToString();
    }

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
            return s.EnumerateRunes().Count() + 1;
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    private static int RuneIndex(string s, int charIndex) => charIndex < 0 ? -1 : s[..charIndex].EnumerateRunes().Count();

    private static string Substring(string s, int start, int length)
    {
        if (start < 0)
            throw new BuiltinException("negative offset");
        var runes = s.EnumerateRunes().ToArray();
        if (start >= runes.Length)
            return "";
        var end = length < 0 ? runes.Length : Math.Min(runes.Length, start + length);
        return string.Concat(runes[start..end].Select(r => r.ToString()));
    }

    private static string FormatInt(NumberValue n, int radix)
    {
        var i = n.IsInteger ? n.IntegerValue : new BigInteger(Math.Truncate(n.AsDouble));
        var neg = i < 0;
        i = BigInteger.Abs(i);
        string digits = radix switch
        {
            10 => i.ToString(CultureInfo.InvariantCulture),
            2 or 8 or 16 => ToBase(i, radix),
            _ => throw new BuiltinException("operand 2 must be one of {2, 8, 10, 16}"),
        };
        return neg ? "-" + digits : digits;
    }

    private static string ToBase(BigInteger i, int radix)
    {
        if (i.IsZero)
            return "0";
        var sb = new StringBuilder();
        while (i > 0)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(i % radix)]);
            i /= radix;
        }

        return sb.ToString();
    }
}
