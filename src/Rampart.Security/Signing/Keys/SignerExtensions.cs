using System.Security.Cryptography;

namespace Rampart.Security.Signing.Keys;

public static class SignerExtensions
{
    /// <summary>Signs a whole message: hashes it with SHA-256, then signs the digest.</summary>
    public static ValueTask<byte[]> SignAsync(this ISigner signer, ReadOnlySpan<byte> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.SignDigestAsync(SHA256.HashData(message), cancellationToken);
    }

    /// <summary>Base64 SHA-256 of the signer's SPKI: the key's hint in bundles and DSSE key ids.</summary>
    public static string KeyHint(this ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Convert.ToBase64String(SHA256.HashData(signer.PublicKeySpki.Span));
    }
}
