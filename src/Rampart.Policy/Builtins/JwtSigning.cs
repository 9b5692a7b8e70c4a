using System.Security.Cryptography;
using System.Text;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>
/// <c>io.jwt.encode_sign</c> (header and payload as objects, key as a JWK object) and
/// <c>io.jwt.encode_sign_raw</c> (all three as JSON text, header and payload signed as given).
/// Algorithms: HS, RS, PS, ES 256–512 and EdDSA, with the JWK of the matching key type.
/// </summary>
internal static class JwtSigning
{
    public static void Register(Action<Builtin> add)
    {
        add(new("io.jwt.encode_sign", 3, (_, a) =>
            S(Sign(ValueJson.Serialize(Obj(a, 0)), ValueJson.Serialize(Obj(a, 1)), Obj(a, 2)))));
        add(new("io.jwt.encode_sign_raw", 3, (_, a) =>
            S(Sign(Str(a, 0), Str(a, 1), ParseObject(Str(a, 2), "key")))));
    }

    private static string Sign(string headerJson, string payloadJson, ObjectValue jwk)
    {
        var header = ParseObject(headerJson, "header");
        var alg = header.Get("alg") is StringValue s ? s.Value : throw new BuiltinException("unknown signature algorithm");
        var typ = (header.Get("typ") as StringValue)?.Value;
        if ((typ is null || typ == "JWT") && !IsJson(payloadJson))
            throw new BuiltinException("type is JWT but payload is not JSON");
        var signingInput = B64(Encoding.UTF8.GetBytes(headerJson)) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        var data = Encoding.ASCII.GetBytes(signingInput);
        return signingInput + "." + B64(Signature(alg, jwk, data));
    }

    private static byte[] Signature(string alg, ObjectValue jwk, byte[] data)
    {
        var kty = (jwk.Get("kty") as StringValue)?.Value ?? throw new BuiltinException("failed to parse a JWK key: no kty");
        if (alg == "EdDSA")
            return kty == "OKP" ? Ed25519Jwt.Sign(jwk, data) : throw Mismatch(alg, kty);
        if (alg.Length != 5 || alg[2..] is not ("256" or "384" or "512"))
            throw new BuiltinException("unknown signature algorithm");
        var hash = alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        switch (alg[..2])
        {
            case "HS" when kty == "oct":
                var k = Part(jwk, "k");
                return alg[2..] switch { "256" => HMACSHA256.HashData(k, data), "384" => HMACSHA384.HashData(k, data), _ => HMACSHA512.HashData(k, data) };
            case "RS" or "PS" when kty == "RSA":
                using (var rsa = RSA.Create(new RSAParameters
                {
                    Modulus = Part(jwk, "n"), Exponent = Part(jwk, "e"), D = Part(jwk, "d"), P = Part(jwk, "p"), Q = Part(jwk, "q"),
                    DP = Part(jwk, "dp"), DQ = Part(jwk, "dq"), InverseQ = Part(jwk, "qi"),
                }))
                {
                    return rsa.SignData(data, hash, alg[0] == 'R' ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss);
                }

            case "ES" when kty == "EC":
                var curve = (jwk.Get("crv") as StringValue)?.Value switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    var c => throw new BuiltinException($"unsupported EC curve {c}"),
                };
                using (var ec = ECDsa.Create(new ECParameters { Curve = curve, D = Part(jwk, "d"), Q = new ECPoint { X = Part(jwk, "x"), Y = Part(jwk, "y") } }))
                {
                    return ec.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            case "HS" or "RS" or "PS" or "ES":
                throw Mismatch(alg, kty);
            default:
                throw new BuiltinException("unknown signature algorithm");
        }
    }

    private static BuiltinException Mismatch(string alg, string kty) => new($"key type {kty} cannot sign with {alg}");

    private static byte[] Part(ObjectValue jwk, string name) =>
        jwk.Get(name) is StringValue s ? EncodingBuiltins.Base64(s.Value, url: true) : throw new BuiltinException($"failed to parse a JWK key: missing {name}");

    private static ObjectValue ParseObject(string json, string what)
    {
        try
        {
            return ValueJson.Parse(json) as ObjectValue ?? throw new BuiltinException($"JWT {what} is not a JSON object");
        }
        catch (System.Text.Json.JsonException)
        {
            throw new BuiltinException($"JWT {what} is not valid JSON");
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            ValueJson.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
