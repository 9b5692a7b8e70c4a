using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>io.jwt.decode, io.jwt.verify_* (HS/RS/PS/ES 256–512 and EdDSA; PEM key, certificate or JWKS) and io.jwt.decode_verify.</summary>
internal static class JwtBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("io.jwt.decode", 1, (_, a) =>
        {
            var t = Split(Str(a, 0));
            return new ArrayValue([t.Header, t.Payload, S(Convert.ToHexStringLower(t.Signature))]);
        }));
        foreach (var alg in new[] { "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" })
        {
            var algorithm = alg;
            add(new("io.jwt.verify_" + alg.ToLowerInvariant(), 2, (_, a) => B(Verify(Split(Str(a, 0), payload: false), algorithm, Str(a, 1)))));
        }

        add(new("io.jwt.verify_eddsa", 2, (_, a) => B(Verify(Split(Str(a, 0), payload: false), "EdDSA", Str(a, 1)))));
        add(new("io.jwt.decode_verify", 2, (c, a) => DecodeVerify(Str(a, 0), Obj(a, 1), c.Now)));
    }

    private sealed record Token(ObjectValue Header, ObjectValue Payload, byte[] Signature, byte[] Signed);

    /// <summary>The verify_* functions, like OPA's, check only the header and signature: the payload may be any bytes.</summary>
    private static Token Split(string jwt, bool payload = true)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
            throw new BuiltinException("encoded JWT had no period separators");
        var header = Json(parts[0], "header");
        if (header.Get("cty") is StringValue { Value: var cty } && cty.Equals("JWT", StringComparison.OrdinalIgnoreCase))
            throw new BuiltinException("nested JWTs are not supported");
        var body = payload ? Json(parts[1], "payload") : ObjectValue.Empty;
        var sig = EncodingBuiltins.TryBase64(parts[2], url: true) ?? throw new BuiltinException("JWT signature had invalid encoding");
        return new Token(header, body, sig, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
    }

    private static ObjectValue Json(string part, string what)
    {
        var bytes = EncodingBuiltins.TryBase64(part, url: true) ?? throw new BuiltinException($"JWT {what} had invalid encoding: {EncodingBuiltins.Base64Error(part, url: true)}");
        try
        {
            return ValueJson.Parse(Encoding.UTF8.GetString(bytes)) as ObjectValue ?? throw new BuiltinException($"JWT {what} is not a JSON object");
        }
        catch (System.Text.Json.JsonException)
        {
            throw new BuiltinException($"JWT {what} had invalid encoding");
        }
    }

    private static bool Verify(Token t, string alg, string key)
    {
        var data = t.Signed;
        if (alg == "EdDSA")
            return Ed25519Jwt.Verify(key, data, t.Signature);
        var hash = alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        if (alg.StartsWith("HS", StringComparison.Ordinal))
        {
            var k = Encoding.UTF8.GetBytes(key);
            var mac = alg[2..] switch { "256" => HMACSHA256.HashData(k, data), "384" => HMACSHA384.HashData(k, data), _ => HMACSHA512.HashData(k, data) };
            return CryptographicOperations.FixedTimeEquals(mac, t.Signature);
        }

        foreach (var pk in PublicKeys(key))
        {
            var ok = (alg[..2], pk) switch
            {
                ("RS", RSA rsa) => rsa.VerifyData(data, t.Signature, hash, RSASignaturePadding.Pkcs1),
                ("PS", RSA rsa) => rsa.VerifyData(data, t.Signature, hash, RSASignaturePadding.Pss),
                ("ES", ECDsa ec) => ec.VerifyData(data, t.Signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => false,
            };
            pk.Dispose();
            if (ok)
                return true;
        }

        return false;
    }

    private static List<AsymmetricAlgorithm> PublicKeys(string key)
    {
        var keys = new List<AsymmetricAlgorithm>();
        var trimmed = key.Trim();
        try
        {
            if (trimmed.StartsWith("-----BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                using var cert = X509Certificate2.CreateFromPem(trimmed);
                keys.Add((AsymmetricAlgorithm?)cert.GetRSAPublicKey() ?? cert.GetECDsaPublicKey() ?? throw new BuiltinException("unsupported certificate key"));
            }
            else if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                keys.Add(FromPem(trimmed));
            }
            else if (trimmed.StartsWith('{'))
            {
                var jwks = ValueJson.Parse(trimmed) as ObjectValue ?? throw new BuiltinException("failed to parse a JWK key (set)");
                var list = jwks.Get("keys") is ArrayValue arr ? arr.Items : [jwks];
                keys.AddRange(list.OfType<ObjectValue>().Select(Jwk).OfType<AsymmetricAlgorithm>());
            }
            else
            {
                throw new BuiltinException("failed to extract a Key from the PEM certificate");
            }
        }
        catch (CryptographicException e)
        {
            throw new BuiltinException("failed to parse a key: " + e.Message);
        }

        return keys;
    }

    private static AsymmetricAlgorithm FromPem(string pem)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
    }

    private static AsymmetricAlgorithm? Jwk(ObjectValue k)
    {
        byte[] B64(string name) => k.Get(name) is StringValue s ? EncodingBuiltins.Base64(s.Value, url: true) : throw new BuiltinException("failed to parse a JWK key (set)");
        switch ((k.Get("kty") as StringValue)?.Value)
        {
            case "RSA":
                return RSA.Create(new RSAParameters { Modulus = B64("n"), Exponent = B64("e") });
            case "EC":
                var curve = (k.Get("crv") as StringValue)?.Value switch { "P-256" => ECCurve.NamedCurves.nistP256, "P-384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 };
                return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = B64("x"), Y = B64("y") } });
            default:
                return null;
        }
    }

    private static ArrayValue DecodeVerify(string jwt, ObjectValue constraints, DateTimeOffset now)
    {
        var invalid = new ArrayValue([BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty]);
        Token t;
        try
        {
            t = Split(jwt);
        }
        catch (BuiltinException)
        {
            return invalid;
        }

        var alg = (t.Header.Get("alg") as StringValue)?.Value ?? "";
        if (constraints.Get("alg") is StringValue wantAlg && wantAlg.Value != alg)
            return invalid;
        bool verified;
        if (constraints.Get("secret") is StringValue secret)
            verified = alg.StartsWith("HS", StringComparison.Ordinal) && Verify(t, alg, secret.Value);
        else if (constraints.Get("cert") is StringValue cert)
            verified = ((alg.Length == 5 && alg[..2] is "RS" or "PS" or "ES") || alg == "EdDSA") && Verify(t, alg, cert.Value);
        else
            throw new BuiltinException("unverifiable token: constraints need cert or secret");
        if (!verified)
            return invalid;
        var time = constraints.Get("time") is NumberValue tn ? tn.AsDouble : (now - DateTimeOffset.UnixEpoch).Ticks * 100.0;
        if (t.Payload.Get("exp") is { } exp)
        {
            if (exp is not NumberValue en)
                throw new BuiltinException("exp value must be a number");
            if (time >= en.AsDouble * 1e9)
                return invalid;
        }

        if (t.Payload.Get("nbf") is { } nbf)
        {
            if (nbf is not NumberValue nn)
                throw new BuiltinException("nbf value must be a number");
            if (time < nn.AsDouble * 1e9)
                return invalid;
        }

        if (constraints.Get("iss") is StringValue iss && t.Payload.Get("iss") != iss)
            return invalid;
        var aud = t.Payload.Get("aud");
        if (constraints.Get("aud") is StringValue wantAud)
        {
            var ok = aud switch { StringValue s => s == wantAud, ArrayValue arr => arr.Items.Contains(wantAud), _ => false };
            if (!ok)
                return invalid;
        }
        else if (aud is not null)
        {
            return invalid;
        }

        return new ArrayValue([BooleanValue.True, t.Header, t.Payload]);
    }
}
