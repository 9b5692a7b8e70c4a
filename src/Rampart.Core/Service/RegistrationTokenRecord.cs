namespace Rampart.Core.Service;

/// <summary>A one-time runner registration token as stored (its SHA-256), with the labels it grants.</summary>
public sealed record RegistrationTokenRecord
{
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
}
