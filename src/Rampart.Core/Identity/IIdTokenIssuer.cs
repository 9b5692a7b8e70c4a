namespace Rampart.Core.Identity;

/// <summary>
/// Signs short-lived OIDC tokens that describe one job of one run. The engine asks for a token only
/// for a trusted run whose job has <c>id-token: write</c>; the issuer decides claims' shape, key and lifetime.
/// </summary>
public interface IIdTokenIssuer
{
    /// <summary>The issuer URL (<c>iss</c>): where the discovery document and JWKS are served.</summary>
    string Issuer { get; }

    Task<IssuedIdToken> IssueAsync(IdTokenRequest request, CancellationToken cancellationToken);
}
