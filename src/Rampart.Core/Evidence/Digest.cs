using System.Security.Cryptography;

namespace Rampart.Core.Evidence;

/// <summary>A content digest in OCI form: <c>algorithm:hex</c>. Only sha256 is produced.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest(string Algorithm, string Hex)
{
    public const string Sha256Algorithm = "sha256";

    public static Digest Sha256(ReadOnlySpan<byte> data) =>
        new(Sha256Algorithm, Convert.ToHexStringLower(SHA256.HashData(data)));

    public static Digest Sha256(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(Sha256Algorithm, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    public static async Task<Digest> Sha256Async(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new(Sha256Algorithm, Convert.ToHexStringLower(hash));
    }

    /// <summary>Parses <c>sha256:&lt;64 lower-case hex&gt;</c>; returns false for anything else.</summary>
    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (text is null || !text.StartsWith("sha256:", StringComparison.Ordinal) || text.Length != 7 + 64)
            return false;
        var hex = text[7..];
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return false;
        }
        digest = new(Sha256Algorithm, hex);
        return true;
    }

    public override string ToString() => $"{Algorithm}:{Hex}";
}
