using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NSec.Cryptography;
using PublicKey = NSec.Cryptography.PublicKey;
using Rampart.Policy.Values;

namespace Rampart.Policy.Builtins;

/// <summary>EdDSA (Ed25519, RFC 8037) for JWTs: public keys from PEM, certificates or OKP JWKs, and signing with an OKP JWK.</summary>
internal static class Ed25519Jwt
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    public static bool Verify(string key, byte[] data, byte[] signature)
    {
        if (signature.Length != Algorithm.SignatureSize)
            return false;
        foreach (var pk in PublicKeys(key.Trim()))
        {
            if (Algorithm.Verify(pk, data, signature))
                return true;
        }

        return false;
    }

    public static byte[] Sign(ObjectValue jwk, byte[] data)
    {
        if (jwk.Get("crv") is not StringValue { Value: "Ed25519" })
            throw new BuiltinException("unsupported OKP curve: only Ed25519");
        var d = jwk.Get("d") is StringValue s ? EncodingBuiltins.Base64(s.Value, url: true) : throw new BuiltinException("OKP key has no private part (d)");
        using var key = Key.Import(Algorithm, d, KeyBlobFormat.RawPrivateKey);
        return Algorithm.Sign(key, data);
    }

    private static List<PublicKey> PublicKeys(string key)
    {
        var keys = new List<PublicKey>();
        try
        {
            if (key.StartsWith("-----BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                using var cert = X509Certificate2.CreateFromPem(key);
                AddRaw(keys, cert.PublicKey.EncodedKeyValue.RawData);
            }
            else if (key.StartsWith("-----BEGIN PUBLIC KEY", StringComparison.Ordinal))
            {
                var der = PemEncoding.Find(key) is var f ? Convert.FromBase64String(key[f.Base64Data]) : [];
                if (PublicKey.TryImport(Algorithm, der, KeyBlobFormat.PkixPublicKey, out var pk) && pk is not null)
                    keys.Add(pk);
            }
            else if (key.StartsWith('{'))
            {
                var jwks = ValueJson.Parse(key) as ObjectValue ?? throw new BuiltinException("failed to parse a JWK key (set)");
                var list = jwks.Get("keys") is ArrayValue arr ? arr.Items : [jwks];
                foreach (var k in list.OfType<ObjectValue>())
                {
                    if (k.Get("kty") is StringValue { Value: "OKP" } && k.Get("crv") is StringValue { Value: "Ed25519" } && k.Get("x") is StringValue x)
                        AddRaw(keys, EncodingBuiltins.Base64(x.Value, url: true));
                }
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw new BuiltinException("failed to parse a key: " + e.Message);
        }

        return keys;
    }

    private static void AddRaw(List<PublicKey> keys, byte[] raw)
    {
        if (PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var pk) && pk is not null)
            keys.Add(pk);
    }
}
