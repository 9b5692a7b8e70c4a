using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>Finds base64 and hex runs that decode to mostly printable UTF-8 text, for a nested scan.</summary>
internal static partial class EncodedBlobs
{
    private const int MinLength = 24;
    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    [GeneratedRegex(@"[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex Base64Run();

    public static IEnumerable<Blob> Find(ReadOnlySpan<char> text)
    {
        var found = new List<Blob>();
        foreach (var run in Base64Run().EnumerateMatches(text))
        {
            var value = text.Slice(run.Index, run.Length);
            if (value.Length < MinLength)
                continue;
            if (IsHex(value) && value.Length % 2 == 0)
            {
                var bytes = Convert.FromHexString(value);
                if (Printable(bytes) is { } hexText)
                    found.Add(new Blob(run.Index, run.Length, "hex", hexText));
                continue;
            }

            if (DecodeBase64(value) is { } decoded && Printable(decoded) is { } b64Text)
                found.Add(new Blob(run.Index, run.Length, "base64", b64Text));
        }

        return found;
    }

    private static bool IsHex(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(Hex);

    private static byte[]? DecodeBase64(ReadOnlySpan<char> value)
    {
        var trimmed = value.TrimEnd('=');
        var buffer = new byte[Base64Url.GetMaxDecodedLength(trimmed.Length) + 3];
        if (trimmed.ContainsAny('+', '/'))
        {
            var padded = trimmed.ToString().PadRight((trimmed.Length + 3) / 4 * 4, '=');
            return Convert.TryFromBase64String(padded, buffer, out var n) ? buffer[..n] : null;
        }

        return Base64Url.DecodeFromChars(trimmed, buffer, out _, out var written) == System.Buffers.OperationStatus.Done ? buffer[..written] : null;
    }

    private static string? Printable(byte[] bytes)
    {
        if (bytes.Length < 8)
            return null;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var printable = text.Count(c => c is >= ' ' or '\n' or '\r' or '\t');
        return printable >= text.Length * 0.95 ? text : null;
    }

    internal readonly record struct Blob(int Start, int Length, string Encoding, string Text);
}
