namespace Rampart.Core.Secrets.Storage;

/// <summary>
/// One secret (name + scope) in a vault storage, its versions oldest first. <see cref="Location"/> says
/// where it is, for messages (a file path, or the database and the row's key, never a password).
/// <see cref="Problem"/> is set, and the scope and versions are empty, when the storage could not read it.
/// </summary>
public sealed record StoredSecret(
    string Name, string? Repository, string? Environment, string? Branch, IReadOnlyList<SealedSecretVersion> Versions, string Location, string? Problem = null);
