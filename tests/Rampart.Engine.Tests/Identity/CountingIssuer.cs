using Rampart.Core.Identity;

namespace Rampart.Engine.Tests.Identity;

/// <summary>
/// Stands in for the signing issuer (tested on its own in Rampart.Security.Tests): these tests are
/// about the endpoint's access rules, so what matters is who got a token for which audience.
/// </summary>
internal sealed class CountingIssuer : IIdTokenIssuer
{
    public List<IdTokenRequest> Requests { get; } = [];

    public string Issuer => "http://127.0.0.1:9";

    public Task<IssuedIdToken> IssueAsync(IdTokenRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
            Requests.Add(request);
        return Task.FromResult(new IssuedIdToken($"header.payload-{Guid.NewGuid():N}.signature", "jti", "kid", "sub", DateTimeOffset.UtcNow.AddMinutes(5)));
    }
}
