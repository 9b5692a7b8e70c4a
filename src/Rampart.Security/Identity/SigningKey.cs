using System.Security.Cryptography;
using System.Text;

namespace Rampart.Security.Identity;

/// <summary>
/// One signing key: its private key (PKCS#8), its JWK thumbprint as <c>kid</c> (RFC 7638), when it
/// was created and, once a newer key took over, when it was retired.
/// </summary>
public sealed record SigningKey(string KeyId, SigningAlgorithm Algorithm, DateTimeOffset Created, DateTimeOffset? Retired, string Pkcs8)
{
    public const int RsaBits = 2048;

    public static SigningKey Generate(SigningAlgorithm algorithm, DateTimeOffset now)
    {
        byte[] pkcs8;
        if (algorithm == SigningAlgorithm.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ec.ExportPkcs8PrivateKey();
        }
        else
        {
            using var rsa = RSA.Create(RsaBits);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
        }

        try
        {
            var key = new SigningKey("", algorithm, now, null, Convert.ToBase64String(pkcs8));
            return key with { KeyId = Thumbprint(key.PublicJwk()) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The public members of the key as a JWK, in the lexicographic order RFC 7638 asks for.</summary>
    public SortedDictionary<string, string> PublicJwk()
    {
        var jwk = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Algorithm == SigningAlgorithm.ES256)
        {
            using var ec = LoadEcdsa();
            var p = ec.ExportParameters(false);
            jwk["crv"] = "P-256";
            jwk["kty"] = "EC";
            jwk["x"] = Base64Url.Encode(p.Q.X!);
            jwk["y"] = Base64Url.Encode(p.Q.Y!);
        }
        else
        {
            using var rsa = LoadRsa();
            var p = rsa.ExportParameters(false);
            jwk["e"] = Base64Url.Encode(p.Exponent!);
            jwk["kty"] = "RSA";
            jwk["n"] = Base64Url.Encode(p.Modulus!);
        }

        return jwk;
    }

    /// <summary>Loads the private key once for many signatures.</summary>
    public JwsSigner CreateSigner() =>
        Algorithm == SigningAlgorithm.ES256 ? new JwsSigner(this, LoadEcdsa()) : new JwsSigner(this, LoadRsa());

    internal ECDsa LoadEcdsa()
    {
        var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(Convert.FromBase64String(Pkcs8), out _);
        return ec;
    }

    internal RSA LoadRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Pkcs8), out _);
        return rsa;
    }

    private static string Thumbprint(SortedDictionary<string, string> jwk)
    {
        var canonical = "{" + string.Join(',', jwk.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
        return Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
