namespace Rampart.Security.Vault;

/// <summary>
/// What <c>rampart secrets list</c> shows of one secret: never its value. <see cref="Problem"/> is set
/// (and the other fields may be partial) when the entry file cannot be read.
/// </summary>
public sealed record VaultSecretInfo(
    string Name, VaultScope Scope, int Versions, int LatestVersion, DateTimeOffset? Created, DateTimeOffset? Updated, string File, string? Problem);
