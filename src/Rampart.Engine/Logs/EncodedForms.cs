using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rampart.Engine.Logs;

/// <summary>Encoders for <see cref="SecretVariants"/>, each yielding every common dialect of its format.</summary>
internal static class EncodedForms
{
    // A base64 fragment shorter than this matches too much unrelated text to be worth masking.
    internal const int MinimumBase64Fragment = 6;

    // Characters left unescaped by common percent-encoders: RFC 3986 unreserved
    // (Uri.EscapeDataString, curl, Python quote(safe='')), Python quote's default that keeps '/',
    // JavaScript encodeURIComponent, WebUtility.UrlEncode, and Java URLEncoder.
    private static readonly string[] s_urlSafeExtras = ["-._~", "-._~/", "-_.!~*'()", "-_.!*()", "-_.*"];

    // Characters escaped as \uXXXX for HTML safety: none, Go's encoding/json, Newtonsoft's EscapeHtml.
    private static readonly string[] s_jsonHtmlSets = ["", "<>&", "<>&'"];

    public static IEnumerable<string> Base64(byte[] bytes)
    {
        var full = Convert.ToBase64String(bytes);
        foreach (var form in new[] { full, full.TrimEnd('=') })
        {
            yield return form;
            yield return ToUrlAlphabet(form);
        }

        // Inside a longer encoded text the secret starts at byte offset 0, 1 or 2 of a 3-byte group.
        // For each alignment, the characters whose 6 bits all come from the secret are the same
        // whatever surrounds it; that stable middle is what can be matched.
        for (var offset = 0; offset < 3; offset++)
        {
            var padded = new byte[offset + bytes.Length + 2];
            bytes.CopyTo(padded, offset);
            var encoded = Convert.ToBase64String(padded);
            var first = ((8 * offset) + 5) / 6;
            var end = 8 * (offset + bytes.Length) / 6;
            if (end - first >= MinimumBase64Fragment)
            {
                var middle = encoded[first..end];
                yield return middle;
                yield return ToUrlAlphabet(middle);
            }
        }
    }

    public static IEnumerable<string> PercentEncoded(byte[] bytes)
    {
        foreach (var extras in s_urlSafeExtras)
        {
            foreach (var plusForSpace in new[] { false, true })
            {
                yield return Percent(bytes, extras, plusForSpace, "0123456789ABCDEF");
                yield return Percent(bytes, extras, plusForSpace, "0123456789abcdef");
            }
        }
    }

    public static IEnumerable<string> JsonEscaped(string value)
    {
        yield return JsonEncodedText.Encode(value, JavaScriptEncoder.Default).ToString();
        yield return JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

        // Other writers (Go, Python, PHP, jq, Newtonsoft) differ in which characters they escape
        // and in the case of \u hex digits; cover each combination.
        foreach (var html in s_jsonHtmlSets)
        {
            for (var flags = 0; flags < 8; flags++)
            {
                yield return Json(value, html, asciiOnly: (flags & 1) != 0, slash: (flags & 2) != 0, lowerHex: (flags & 4) != 0);
            }
        }
    }

    private static string ToUrlAlphabet(string base64) => base64.Replace('+', '-').Replace('/', '_');

    private static string Percent(byte[] bytes, string safeExtras, bool plusForSpace, string hexDigits)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || (b < 0x80 && safeExtras.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
            }
            else if (c == ' ' && plusForSpace)
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(hexDigits[b >> 4]).Append(hexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private static string Json(string value, string html, bool asciiOnly, bool slash, bool lowerHex)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                '/' when slash => builder.Append("\\/"),
                _ when html.Contains(c, StringComparison.Ordinal) => AppendUnicodeEscape(builder, c, lowerHex),
                < ' ' => AppendUnicodeEscape(builder, c, lowerHex),
                > '~' when asciiOnly => AppendUnicodeEscape(builder, c, lowerHex),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static StringBuilder AppendUnicodeEscape(StringBuilder builder, char c, bool lowerHex) =>
        builder.Append("\\u").Append(((int)c).ToString(lowerHex ? "x4" : "X4", System.Globalization.CultureInfo.InvariantCulture));
}
