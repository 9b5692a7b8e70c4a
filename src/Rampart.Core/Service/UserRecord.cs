namespace Rampart.Core.Service;

/// <summary>A person (or automation account) of the service.</summary>
public sealed record UserRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Admins hold every right on every repository.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>A password hash in PHC-like text form, or null when the user signs in with tokens only.</summary>
    public string? PasswordHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public bool Disabled { get; init; }
}
