namespace Rampart.Policy.Tests.Language;

public sealed class JwtSigningTests
{
    // RFC 7515 appendix A.1 (HS256) and RFC 8037 appendix A (Ed25519): published keys and tokens.
    private const string Rfc7515Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    private const string Rfc8037D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string Rfc8037X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private const string Rfc8037Token = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    [Fact]
    public void EncodeSignRaw_ReproducesRfc7515Hs256Token()
    {
        const string module = """
            package p
            t := io.jwt.encode_sign_raw("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}", "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}", json.marshal({"kty": "oct", "k": input.k}))
            """;
        Assert.Equal(
            "\"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\"",
            Rego.Json(module, "data.p.t", $$"""{"k":"{{Rfc7515Key}}"}"""));
    }

    [Fact]
    public void VerifyEddsa_AcceptsRfc8037Token_AndRejectsATamperedOne()
    {
        const string module = """
            package p
            jwk := json.marshal({"kty": "OKP", "crv": "Ed25519", "x": input.x})
            good := io.jwt.verify_eddsa(input.t, jwk)
            bad := io.jwt.verify_eddsa(concat("", [input.t, "A"]), jwk)
            """;
        var input = $$"""{"x":"{{Rfc8037X}}","t":"{{Rfc8037Token}}"}""";
        Assert.Equal("true", Rego.Json(module, "data.p.good", input));
        Assert.Equal("false", Rego.Json(module, "data.p.bad", input));
    }

    [Fact]
    public void EncodeSign_WithOkpKey_ProducesTokenThatDecodeVerifyAccepts()
    {
        const string module = """
            package p
            t := io.jwt.encode_sign({"alg": "EdDSA", "typ": "JWT"}, {"sub": "alice"}, {"kty": "OKP", "crv": "Ed25519", "x": input.x, "d": input.d})
            r := io.jwt.decode_verify(t, {"cert": json.marshal({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": input.x}]})})
            """;
        Assert.Equal("""[true,{"alg":"EdDSA","typ":"JWT"},{"sub":"alice"}]""", Rego.Json(module, "data.p.r", $$"""{"x":"{{Rfc8037X}}","d":"{{Rfc8037D}}"}"""));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS384")]
    [InlineData("ES256")]
    public void EncodeSign_WithGeneratedKey_VerifiesWithThePublicPem(string alg)
    {
        string jwk, pem;
        if (alg[0] == 'E')
        {
            using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var p = ec.ExportParameters(true);
            jwk = $$"""{"kty":"EC","crv":"P-256","x":"{{B64(p.Q.X!)}}","y":"{{B64(p.Q.Y!)}}","d":"{{B64(p.D!)}}"}""";
            pem = ec.ExportSubjectPublicKeyInfoPem();
        }
        else
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var p = rsa.ExportParameters(true);
            jwk = $$"""{"kty":"RSA","n":"{{B64(p.Modulus!)}}","e":"{{B64(p.Exponent!)}}","d":"{{B64(p.D!)}}","p":"{{B64(p.P!)}}","q":"{{B64(p.Q!)}}","dp":"{{B64(p.DP!)}}","dq":"{{B64(p.DQ!)}}","qi":"{{B64(p.InverseQ!)}}"}""";
            pem = rsa.ExportSubjectPublicKeyInfoPem();
        }

        var module = $$"""
            package p
            t := io.jwt.encode_sign({"alg": "{{alg}}"}, {"n": 1}, input.jwk)
            ok := io.jwt.verify_{{alg.ToLowerInvariant()}}(t, input.pem)
            """;
        var input = System.Text.Json.JsonSerializer.Serialize(new { jwk = System.Text.Json.JsonDocument.Parse(jwk).RootElement, pem });
        Assert.Equal("true", Rego.Json(module, "data.p.ok", input));
    }

    [Fact]
    public void EncodeSign_RejectsKeyOfTheWrongType()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("""
            package p
            t := io.jwt.encode_sign({"alg": "RS256"}, {}, {"kty": "oct", "k": "YWJj"})
            """).Prepare("data.p.t").Evaluate(new RegoQueryOptions { StrictBuiltinErrors = true }));
        Assert.Contains("cannot sign with RS256", e.Message, StringComparison.Ordinal);
    }

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
