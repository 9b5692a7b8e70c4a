namespace Rampart.Security.Identity;

/// <summary>
/// JWS algorithms the issuer signs with. RS256 is the default because every cloud's workload identity
/// federation accepts it; ES256 gives smaller tokens and faster signing where the verifier supports it.
/// </summary>
public enum SigningAlgorithm
{
    RS256 = 0,
    ES256 = 1,
}
