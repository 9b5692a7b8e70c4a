using System.Security.Cryptography;
using System.Text;

namespace Rampart.Server.Webhooks;

/// <summary>
/// The authenticity checks of the git hosts, each compared in constant time: an HMAC-SHA256 of the
/// raw body (GitHub, Gitea/Forgejo, Bitbucket) or a shared token (GitLab).
/// </summary>
internal static class WebhookSignature
{
    private const string Sha256Prefix = "sha256=";

    /// <summary>True when <paramref name="header"/> is <c>sha256=HEX</c> and HEX is the body's HMAC under the secret.</summary>
    public static bool PrefixedHmacMatches(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(Sha256Prefix, StringComparison.Ordinal))
            return false;
        return HexHmacMatches(header[Sha256Prefix.Length..], body, secret);
    }

    /// <summary>True when <paramref name="hex"/> (either case) is the body's HMAC-SHA256 under the secret.</summary>
    public static bool HexHmacMatches(string? hex, ReadOnlySpan<byte> body, string secret)
    {
        if (hex is null || hex.Length != 2 * HMACSHA256.HashSizeInBytes)
            return false;
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
            return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>
    /// True when the token equals the secret. Both are hashed first so that the comparison takes the
    /// same time whatever the lengths (FixedTimeEquals returns early on a length mismatch).
    /// </summary>
    public static bool TokenMatches(string? token, string secret)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary><c>sha256=HEX</c> of the body under the secret, as GitHub and Bitbucket send it (tests and docs use it).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Sha256Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
