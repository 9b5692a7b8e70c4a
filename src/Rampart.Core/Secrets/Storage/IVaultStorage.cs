namespace Rampart.Core.Secrets.Storage;

/// <summary>
/// Where a vault's sealed secrets live: entry files in the state folder, or rows in the service's
/// PostgreSQL. Sealed fields only: encryption, the master key, versioning and scopes stay in the
/// vault, so every storage gives the same guarantees and the same messages.
/// </summary>
public interface IVaultStorage : IDisposable
{
    /// <summary>Where the secrets are, for messages: a folder, or host, port and database (never a password).</summary>
    string Location { get; }

    /// <summary>Every secret, or only those named <paramref name="name"/>, ordered by name.</summary>
    IReadOnlyList<StoredSecret> Secrets(string? name);

    /// <summary>As <see cref="Secrets"/>, without holding a thread while the storage answers (the server's hand-outs).</summary>
    Task<IReadOnlyList<StoredSecret>> SecretsAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as the only writer of this vault (thread, process or host) and keeps
    /// what it wrote only when it returns: a storage that several hosts share makes this one transaction.
    /// </summary>
    T Write<T>(Func<IVaultWriteSession, T> work);
}
