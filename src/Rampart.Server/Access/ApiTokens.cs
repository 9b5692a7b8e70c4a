using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Server.Access;

/// <summary>
/// API tokens: <c>rmp_</c> followed by 32 random bytes in unpadded base64url. The store keeps the
/// lower-case hex SHA-256 of the whole token (a 256-bit random value needs no salt or slow hash) and
/// the first <see cref="DisplayPrefixLength"/> characters to tell tokens apart in lists.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "rmp_";
    public const int DisplayPrefixLength = 8;

    private const int RandomBytes = 32;
    private static readonly int EncodedLength = Scheme.Length + Base64Url.GetEncodedLength(RandomBytes);

    public static IssuedToken Create()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var token = Scheme + Base64Url.EncodeToString(random);
        return new IssuedToken(token, HashOf(token), token[..DisplayPrefixLength]);
    }

    /// <summary>True when the text has the exact shape of a token; anything else is refused before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null
        && token.Length == EncodedLength
        && token.StartsWith(Scheme, StringComparison.Ordinal)
        && Base64Url.IsValid(token.AsSpan(Scheme.Length), out var decoded)
        && decoded == RandomBytes;

    public static string HashOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Compares two hex hashes in time that does not depend on where they differ.</summary>
    public static bool HashesEqual(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
    }
}
