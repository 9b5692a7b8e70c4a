using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Security.Identity;

/// <summary>
/// Writes compact JWS (RFC 7515) tokens with one loaded key. Written on the base library rather than
/// a JWT package: signing a fixed header and a JSON payload is a few lines of ECDsa/RSA and
/// System.Text.Json, and verification (where a library's rigour matters) is done in the tests by
/// two independent implementations, jose and Microsoft.IdentityModel.
/// </summary>
public sealed class JwsSigner : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly byte[] _header;

    internal JwsSigner(SigningKey key, AsymmetricAlgorithm loaded)
    {
        Key = key;
        _key = loaded;
        _header = JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.KeyId, ["typ"] = "JWT" },
            IdentityJson.Default.DictionaryStringString);
    }

    public SigningKey Key { get; }

    /// <summary>Returns <c>base64url(header).base64url(payload).base64url(signature)</c>.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson)
    {
        var signingInput = Encoding.ASCII.GetBytes(Base64Url.Encode(_header) + "." + Base64Url.Encode(payloadJson));
        var signature = _key switch
        {
            ECDsa ec => ec.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("unsupported key type"),
        };
        return Encoding.ASCII.GetString(signingInput) + "." + Base64Url.Encode(signature);
    }

    public void Dispose() => _key.Dispose();
}
