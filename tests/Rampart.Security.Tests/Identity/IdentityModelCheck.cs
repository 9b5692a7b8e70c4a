using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Rampart.Security.Tests.Identity;

/// <summary>Validates a token with Microsoft.IdentityModel against the JWKS the issuer serves.</summary>
internal static class IdentityModelCheck
{
    public static async Task<TokenValidationResult> ValidateAsync(IssuerFixture issuer, string token, string audience)
    {
        var jwks = new JsonWebKeySet(await IssuerFixture.GetAsync(issuer.Settings.JwksUri));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Settings.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256", "ES256"],
            ClockSkew = TimeSpan.Zero,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
    }
}
