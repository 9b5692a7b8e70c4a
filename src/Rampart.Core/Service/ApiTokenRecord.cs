namespace Rampart.Core.Service;

/// <summary>
/// An API token as stored: the SHA-256 of the token, never the token (it is shown once, when made).
/// <see cref="Prefix"/> is the first characters of the token, to tell tokens apart in lists.
/// </summary>
public sealed record ApiTokenRecord
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public required string Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public bool Revoked { get; init; }
}
