namespace Rampart.Core.Identity;

/// <summary>A signed token (compact JWS) with the identifiers an audit record needs, never the token itself.</summary>
public sealed record IssuedIdToken(string Value, string TokenId, string KeyId, string Subject, DateTimeOffset ExpiresAt);
