using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>How a secret appears in output: a short prefix (at most a quarter of it, never more than 4 characters) and its length.</summary>
internal static class Redaction
{
    public static string Redact(ReadOnlySpan<char> secret)
    {
        var shown = Math.Min(4, secret.Length / 4);
        return string.Create(CultureInfo.InvariantCulture, $"{secret[..shown]}…[redacted {secret.Length} chars]");
    }

    /// <summary>Stable identity of a secret at a path: the first 128 bits of SHA-256, domain-separated.</summary>
    public static string Fingerprint(string path, ReadOnlySpan<char> secret)
    {
        var text = "rampart/secret/v1\0" + path + "\0" + secret.ToString();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
