using System.Text;

namespace Rampart.Core.Findings.Sarif;

/// <summary>Text and URI helpers that keep any .NET string writable as valid JSON.</summary>
internal static class SarifText
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Replaces unpaired surrogates with U+FFFD; JSON cannot carry them and the writer would throw.</summary>
    public static string WellFormed(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                // The UTF-8 round trip substitutes U+FFFD for each unpaired surrogate and keeps valid pairs.
                return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            }
        }

        return text;
    }

    /// <summary>
    /// Turns a path relative to the scanned root into a relative URI reference: backslashes become
    /// slashes, leading <c>./</c> and <c>/</c> are dropped (a URI with a <c>uriBaseId</c> must be relative),
    /// and every byte of the UTF-8 form that is not an RFC 3986 unreserved character or <c>/</c> is
    /// percent-encoded. Encoding <c>:</c> also keeps a first segment such as <c>c:x</c> from reading as a scheme.
    /// </summary>
    public static string RelativeUri(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal) || normalized.StartsWith('/'))
        {
            normalized = normalized[(normalized[0] == '.' ? 2 : 1)..];
        }

        var bytes = Encoding.UTF8.GetBytes(WellFormed(normalized));
        var uri = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || b == (byte)'/')
            {
                uri.Append((char)b);
            }
            else
            {
                uri.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return uri.ToString();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
