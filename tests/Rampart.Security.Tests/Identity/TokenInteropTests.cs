using Microsoft.IdentityModel.Tokens;
using Rampart.Security.Identity;

namespace Rampart.Security.Tests.Identity;

/// <summary>Tokens verified by two independent implementations against the JWKS served on 127.0.0.1.</summary>
public sealed class TokenInteropTests
{
    private const string Audience = "sts.amazonaws.com";

    [Theory]
    [InlineData(SigningAlgorithm.RS256)]
    [InlineData(SigningAlgorithm.ES256)]
    public async Task Jose_VerifiesToken_WithIssuerAndAudience(SigningAlgorithm algorithm)
    {
        using var issuer = new IssuerFixture(algorithm);
        var token = issuer.Issuer.Issue(IssuerFixture.Request(Audience, environment: "production"));

        var result = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, token.Value, issuer.Settings.Issuer, Audience);

        Assert.True(result.Ok, result.Code);
        Assert.Equal(algorithm.ToString(), result.Algorithm);
        var claims = result.Payload;
        Assert.Equal("repo:acme/app:environment:production", claims.GetProperty("sub").GetString());
        Assert.Equal(token.Subject, claims.GetProperty("sub").GetString());
        Assert.Equal(token.TokenId, claims.GetProperty("jti").GetString());
        Assert.Equal("acme/app", claims.GetProperty("repository").GetString());
        Assert.Equal("acme", claims.GetProperty("repository_owner").GetString());
        Assert.Equal("refs/heads/main", claims.GetProperty("ref").GetString());
        Assert.Equal("branch", claims.GetProperty("ref_type").GetString());
        Assert.Equal("42", claims.GetProperty("run_id").GetString());
        Assert.Equal("deploy", claims.GetProperty("job").GetString());
        Assert.Equal(".rampart/pipeline.yml", claims.GetProperty("workflow").GetString());
        Assert.StartsWith("sha256:", claims.GetProperty("workflow_digest").GetString(), StringComparison.Ordinal);
        Assert.Equal("production", claims.GetProperty("environment").GetString());
        Assert.Equal("push", claims.GetProperty("event_name").GetString());
        Assert.Equal("self-hosted", claims.GetProperty("runner_environment").GetString());
        Assert.True(claims.GetProperty("trusted").GetBoolean());
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.True(claims.GetProperty("nbf").GetInt64() <= claims.GetProperty("iat").GetInt64());
    }

    [Theory]
    [InlineData(SigningAlgorithm.RS256)]
    [InlineData(SigningAlgorithm.ES256)]
    public async Task IdentityModel_ValidatesToken(SigningAlgorithm algorithm)
    {
        using var issuer = new IssuerFixture(algorithm);
        var token = issuer.Issuer.Issue(IssuerFixture.Request(Audience));

        var result = await IdentityModelCheck.ValidateAsync(issuer, token.Value, Audience);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("repo:acme/app:ref:refs/heads/main", result.Claims["sub"]);
    }

    [Fact]
    public async Task ExpiredToken_IsRejectedByBoth()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);
        var past = new ManualTime(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        using var pastIssuer = issuer.IssuerAt(past);
        var token = pastIssuer.Issue(IssuerFixture.Request(Audience));

        var jose = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, token.Value, issuer.Settings.Issuer, Audience);
        var ms = await IdentityModelCheck.ValidateAsync(issuer, token.Value, Audience);

        Assert.Equal("ERR_JWT_EXPIRED", jose.Code);
        Assert.False(ms.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(ms.Exception);
    }

    [Fact]
    public async Task WrongAudience_IsRejectedByBoth()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.RS256);
        var token = issuer.Issuer.Issue(IssuerFixture.Request("api://AzureADTokenExchange"));

        var jose = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, token.Value, issuer.Settings.Issuer, Audience);
        var ms = await IdentityModelCheck.ValidateAsync(issuer, token.Value, Audience);

        Assert.Equal("ERR_JWT_CLAIM_VALIDATION_FAILED", jose.Code);
        Assert.False(ms.IsValid);
        Assert.IsType<SecurityTokenInvalidAudienceException>(ms.Exception);
    }

    [Theory]
    [InlineData(SigningAlgorithm.RS256)]
    [InlineData(SigningAlgorithm.ES256)]
    public async Task TamperedToken_IsRejectedByBoth(SigningAlgorithm algorithm)
    {
        using var issuer = new IssuerFixture(algorithm);
        var parts = issuer.Issuer.Issue(IssuerFixture.Request(Audience)).Value.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))
            .Replace("repo:acme/app:ref:refs/heads/main", "repo:acme/app:environment:production", StringComparison.Ordinal);
        var forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        var unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + parts[1] + ".";

        foreach (var bad in new[] { forged, unsigned })
        {
            var jose = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, bad, issuer.Settings.Issuer, Audience);
            var ms = await IdentityModelCheck.ValidateAsync(issuer, bad, Audience);
            Assert.False(jose.Ok);
            Assert.False(ms.IsValid);
        }
    }

    [Fact]
    public async Task RetiredKey_StillVerifiesItsLiveTokens_ButRotatedOutKeyDoesNot()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);
        var token = issuer.Issuer.Issue(IssuerFixture.Request(Audience));

        issuer.Keys.Rotate(issuer.Settings);
        var afterRotation = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, token.Value, issuer.Settings.Issuer, Audience);
        var fresh = issuer.Issuer.Issue(IssuerFixture.Request(Audience));
        Assert.True(afterRotation.Ok, afterRotation.Code);
        Assert.NotEqual(token.KeyId, fresh.KeyId);

        // Past the retention window another rotation drops the retired key from the JWKS.
        issuer.KeysAt(new ManualTime(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(7))).Rotate(issuer.Settings);
        var jose = await Jose.VerifyAsync(issuer.Settings.DiscoveryUri, token.Value, issuer.Settings.Issuer, Audience);
        var ms = await IdentityModelCheck.ValidateAsync(issuer, token.Value, Audience);

        Assert.Equal("ERR_JWKS_NO_MATCHING_KEY", jose.Code);
        Assert.False(ms.IsValid);
        Assert.DoesNotContain(token.KeyId, await IssuerFixture.GetAsync(issuer.Settings.JwksUri), StringComparison.Ordinal);
    }
}
