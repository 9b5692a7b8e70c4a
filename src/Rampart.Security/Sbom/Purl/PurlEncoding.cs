using System.Text;

namespace Rampart.Security.Sbom.Purl;

/// <summary>Percent-encoding as the purl spec wants it: everything but unreserved characters and ':' is encoded, in UTF-8.</summary>
internal static class PurlEncoding
{
    public static string Encode(string value, bool keepSlash = false)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':' || (keepSlash && c == '/'))
                text.Append(c);
            else
                text.Append('%').Append(Convert.ToHexString([b]));
        }

        return text.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
            return value;
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length + 0 && i + 2 <= value.Length - 1
                && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (value[i] == '%')
            {
                throw new FormatException("bad percent-encoding");
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
