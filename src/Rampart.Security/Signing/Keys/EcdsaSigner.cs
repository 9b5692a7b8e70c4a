using System.Security.Cryptography;

namespace Rampart.Security.Signing.Keys;

/// <summary>An ECDSA P-256 key held in this process. Owns (and disposes) the key.</summary>
public sealed class EcdsaSigner : ISigner, IDisposable
{
    private readonly ECDsa _key;

    public EcdsaSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
            throw new SigningKeyException($"signing keys must be ECDSA P-256; this one has {key.KeySize} bits");
        _key = key;
        PublicKeySpki = key.ExportSubjectPublicKeyInfo();
    }

    public ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <summary>A fresh random P-256 key.</summary>
    public static EcdsaSigner Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public ValueTask<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException("expected a SHA-256 digest (32 bytes)", nameof(sha256));
        return ValueTask.FromResult(_key.SignHash(sha256.Span, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>PKCS#8 DER of the private key; only <see cref="KeyFile"/> calls this, to encrypt it.</summary>
    internal byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    public void Dispose() => _key.Dispose();
}
