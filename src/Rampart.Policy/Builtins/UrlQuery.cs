using System.Text;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>urlquery.* with Go's net/url escaping (space as +, unreserved set A-Z a-z 0-9 - _ . ~).</summary>
internal static class UrlQuery
{
    public static void Register(Action<Builtin> add)
    {
        add(new("urlquery.encode", 1, (_, a) => S(Escape(Str(a, 0)))));
        add(new("urlquery.decode", 1, (_, a) => S(Unescape(Str(a, 0)))));
        add(new("urlquery.encode_object", 1, (_, a) =>
        {
            var parts = new List<string>();
            foreach (var (k, v) in Obj(a, 0).Sorted)
            {
                var key = k is StringValue ks ? ks.Value : throw TypeError(0, "object[string: any]", a[0]);
                IEnumerable<Value> vals = v switch { StringValue => [v], ArrayValue arr => arr.Items, SetValue s => s.Sorted, _ => throw TypeError(0, "object[string: union[string, array[string], set[string]]]", a[0]) };
                foreach (var x in vals)
                    parts.Add(Escape(key) + "=" + Escape(x is StringValue xs ? xs.Value : throw TypeError(0, "object[string: union[string, array[string], set[string]]]", a[0])));
            }

            return S(string.Join('&', parts));
        }));
        add(new("urlquery.decode_object", 1, (_, a) =>
        {
            var d = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
            foreach (var part in Str(a, 0).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var k = Unescape(eq < 0 ? part : part[..eq]);
                var v = eq < 0 ? "" : Unescape(part[(eq + 1)..]);
                if (!d.TryGetValue(k, out var list))
                    d[k] = list = [];
                list.Add(S(v));
            }

            return ObjectValue.Of(d.Select(kv => new KeyValuePair<Value, Value>(S(kv.Key), new ArrayValue(kv.Value))));
        }));
    }

    public static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                sb.Append(c);
            else if (c == ' ')
                sb.Append('+');
            else
                sb.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static string Unescape(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
                    throw new BuiltinException($"invalid URL escape \"{s[i..Math.Min(s.Length, i + 3)]}\"");
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
