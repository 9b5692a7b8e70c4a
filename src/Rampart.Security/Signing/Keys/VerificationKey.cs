using System.Security.Cryptography;

namespace Rampart.Security.Signing.Keys;

/// <summary>An ECDSA public key (P-256 or P-384) that checks signatures. Read from PEM (SPKI) or DER.</summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private VerificationKey(ECDsa key)
    {
        _key = key;
        Spki = key.ExportSubjectPublicKeyInfo();
        Hint = Convert.ToBase64String(SHA256.HashData(Spki));
    }

    public byte[] Spki { get; }

    /// <summary>Base64 of SHA-256 over the SPKI DER: the bundle's <c>publicKey.hint</c> and the DSSE <c>keyid</c>.</summary>
    public string Hint { get; }

    public static VerificationKey FromSpki(ReadOnlySpan<byte> spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return new VerificationKey(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new SigningKeyException("not an ECDSA public key (SubjectPublicKeyInfo)", e);
        }
    }

    public static VerificationKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
            throw new SigningKeyException("expected a PEM 'PUBLIC KEY' block (SPKI)");
        return FromSpki(Convert.FromBase64String(pem[fields.Base64Data]));
    }

    public static VerificationKey FromEcdsa(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return FromSpki(key.ExportSubjectPublicKeyInfo());
    }

    public static string ToPem(ReadOnlySpan<byte> spki) => PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";

    /// <summary>Checks a DER-encoded ECDSA signature over SHA-256 (P-256) or SHA-384 (P-384) of the data.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        var hash = _key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
        try
        {
            return _key.VerifyData(data, derSignature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Checks a DER-encoded ECDSA signature over a digest computed by the caller.</summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> derSignature)
    {
        try
        {
            return _key.VerifyHash(digest, derSignature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
