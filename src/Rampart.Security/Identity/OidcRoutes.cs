namespace Rampart.Security.Identity;

/// <summary>
/// The issuer's two public documents by request path (below the issuer URL's own path), for any
/// host: <c>rampart oidc serve</c> and the service. Keys are re-read on every JWKS request.
/// </summary>
public sealed class OidcRoutes(IssuerSettings settings, SigningKeyStore keys)
{
    private readonly string _pathPrefix = new Uri(settings.Issuer).AbsolutePath.TrimEnd('/');

    public (int Status, byte[] Body) Route(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = path.StartsWith(_pathPrefix, StringComparison.Ordinal) ? path[_pathPrefix.Length..] : null;
        var document = relative switch
        {
            "/.well-known/openid-configuration" => () => OidcDocuments.Discovery(settings),
            "/.well-known/jwks" => () => OidcDocuments.Jwks(keys.Published(settings.TokenLifetime)),
            _ => (Func<byte[]>?)null,
        };
        if (document is null)
            return (404, "{\"error\":\"not found\"}"u8.ToArray());
        if (method is not ("GET" or "HEAD"))
            return (405, "{\"error\":\"method not allowed\"}"u8.ToArray());
        return (200, document());
    }
}
