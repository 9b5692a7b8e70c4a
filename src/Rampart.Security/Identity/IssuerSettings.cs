namespace Rampart.Security.Identity;

/// <summary>
/// How the issuer signs: its URL (<c>iss</c>, where discovery and JWKS are served), the algorithm of
/// new keys, and the lifetime of tokens (5 minutes by default, at most 1 hour).
/// </summary>
public sealed record IssuerSettings(string Issuer, SigningAlgorithm Algorithm, TimeSpan TokenLifetime)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>Verifiers' clocks may lag: keys stay published this long past their last token's expiry.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public string JwksUri => Issuer + "/.well-known/jwks";

    public string DiscoveryUri => Issuer + "/.well-known/openid-configuration";

    /// <summary>
    /// Checks the settings; returns a one-line problem or null. The issuer must be https, except
    /// on a loopback host for local trials (clouds only trust https issuers).
    /// </summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return $"'{Issuer}' is not an absolute http(s) URL";
        if (uri.Scheme == "http" && !uri.IsLoopback)
            return $"'{Issuer}': an issuer must use https (plain http is allowed only on 127.0.0.1 or localhost)";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || Issuer.EndsWith('/') || uri.UserInfo.Length > 0)
            return $"'{Issuer}': an issuer URL has no query, fragment, user or trailing slash";
        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > MaxLifetime)
            return "the token lifetime must be from 1 minute to 1 hour";
        return null;
    }
}
