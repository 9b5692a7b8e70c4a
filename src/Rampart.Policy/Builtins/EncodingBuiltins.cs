using System.Text;
using System.Text.Json;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>json.*, yaml.*, base64*, urlquery.*, hex.*.</summary>
internal static class EncodingBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("json.marshal", 1, (_, a) => S(ValueJson.Serialize(a[0]))));
        add(new("json.marshal_with_options", 2, (_, a) => S(MarshalWithOptions(a[0], Obj(a, 1)))));
        add(new("json.unmarshal", 1, (_, a) => Unmarshal(Str(a, 0))));
        add(new("json.is_valid", 1, (_, a) => B(a[0] is StringValue s && IsJson(s.Value))));
        add(new("yaml.marshal", 1, (_, a) => S(YamlValues.Marshal(a[0]))));
        add(new("yaml.unmarshal", 1, (_, a) => YamlValues.Unmarshal(Str(a, 0))));
        add(new("yaml.is_valid", 1, (_, a) => B(a[0] is StringValue s && YamlValues.IsValid(s.Value))));
        add(new("base64.encode", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))))));
        add(new("base64.decode", 1, (_, a) => S(Utf8(Base64(Str(a, 0), url: false)))));
        add(new("base64.is_valid", 1, (_, a) => B(a[0] is StringValue s && TryBase64(s.Value, url: false) is not null)));
        add(new("base64url.encode", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))).Replace('+', '-').Replace('/', '_'))));
        add(new("base64url.encode_no_pad", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))).Replace('+', '-').Replace('/', '_').TrimEnd('='))));
        add(new("base64url.decode", 1, (_, a) => S(Utf8(Base64(Str(a, 0), url: true)))));
        add(new("hex.encode", 1, (_, a) => S(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Str(a, 0))))));
        add(new("hex.decode", 1, (_, a) =>
        {
            try
            {
                return S(Utf8(Convert.FromHexString(Str(a, 0))));
            }
            catch (FormatException)
            {
                var s = Str(a, 0);
                var bad = s.FirstOrDefault(ch => !Uri.IsHexDigit(ch));
                throw new BuiltinException(bad == default ? "encoding/hex: odd length hex string" : $"encoding/hex: invalid byte: U+{(int)bad:X4} '{bad}'");
            }
        }));
        UrlQuery.Register(add);
    }

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static byte[] Base64(string s, bool url) => TryBase64(s, url) ?? throw new BuiltinException("illegal base64 data");

    /// <summary>Go's message for undecodable base64: the offset of the first byte outside the alphabet.</summary>
    public static string Base64Error(string s, bool url)
    {
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || (url ? s[i] is '-' or '_' : s[i] is '+' or '/')))
            i++;
        while (i < s.Length && s[i] == '=')
            i++;
        return "illegal base64 data at input byte " + Math.Min(i, s.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[]? TryBase64(string s, bool url)
    {
        var t = url ? s.Replace('-', '+').Replace('_', '/') : s;
        if (url && t.Length % 4 != 0)
            t = t.PadRight(t.Length + (4 - t.Length % 4), '=');
        try
        {
            return Convert.FromBase64String(t);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Value Unmarshal(string s)
    {
        try
        {
            return ValueJson.Parse(s);
        }
        catch (JsonException e)
        {
            throw new BuiltinException(e.Message);
        }
    }

    private static bool IsJson(string s)
    {
        try
        {
            using var _ = JsonDocument.Parse(s);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string MarshalWithOptions(Value v, ObjectValue options)
    {
        var pretty = options.Get("pretty") is BooleanValue { Value: true } || options.Get("indent") is not null || options.Get("prefix") is not null;
        if (!pretty)
            return ValueJson.Serialize(v);
        var indent = options.Get("indent") is StringValue i ? i.Value : "\t";
        var prefix = options.Get("prefix") is StringValue p ? p.Value : "";
        var text = ValueJson.Serialize(v, indented: true);
        var lines = text.Split('\n').Select(l =>
        {
            var n = l.Length - l.TrimStart(' ').Length;
            return prefix + string.Concat(Enumerable.Repeat(indent, n / 2)) + l.TrimStart(' ');
        });
        return string.Join('\n', lines);
    }
}
