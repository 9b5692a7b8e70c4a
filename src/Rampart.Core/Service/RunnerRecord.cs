namespace Rampart.Core.Service;

/// <summary>A registered runner. <see cref="CredentialHash"/> is the SHA-256 of its credential.</summary>
public sealed record RunnerRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public required string CredentialHash { get; init; }
    public bool Ephemeral { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>A removed runner's credential no longer works.</summary>
    public bool Removed { get; init; }
}
