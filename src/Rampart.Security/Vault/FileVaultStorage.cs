using Rampart.Core.Secrets.Storage;

namespace Rampart.Security.Vault;

/// <summary>
/// The vault in a state folder: one entry file per secret under <c>entries/</c>, one writer at a time
/// through <c>.lock</c>. Each write is applied when it is made (an entry file is replaced atomically).
/// </summary>
internal sealed class FileVaultStorage : IVaultStorage
{
    private readonly EntryFiles _files;
    private readonly VaultLock _lock;

    public FileVaultStorage(string directory)
    {
        Location = directory;
        _files = new EntryFiles(Path.Combine(directory, "entries"));
        _lock = new VaultLock(Path.Combine(directory, ".lock"));
    }

    public string Location { get; }

    public IReadOnlyList<StoredSecret> Secrets(string? name) => [.. _files.Paths(name).Select(p => Load(p, null))];

    public Task<IReadOnlyList<StoredSecret>> SecretsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Secrets(name));

    public T Write<T>(Func<IVaultWriteSession, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var held = _lock.Acquire();
        _files.RemoveLeftovers();
        return work(new Session(this));
    }

    public void Dispose()
    {
    }

    /// <summary>An entry file as a stored secret; a damaged one carries its problem (and <paramref name="scope"/> when known).</summary>
    private static StoredSecret Load(string path, VaultScope? scope)
    {
        try
        {
            var e = EntryFiles.Read(path);
            return new StoredSecret(e.Name, e.Scope.Repository, e.Scope.Environment, e.Scope.Branch, e.Versions, path);
        }
        catch (VaultException ex)
        {
            return new StoredSecret(EntryFiles.NameOf(path), scope?.Repository, scope?.Environment, scope?.Branch, [], path, ex.Message);
        }
    }

    private sealed class Session(FileVaultStorage storage) : IVaultWriteSession
    {
        public IReadOnlyList<StoredSecret> Secrets(string? name) => storage.Secrets(name);

        public StoredSecret? Find(string name, string? repository, string? environment, string? branch)
        {
            var scope = new VaultScope(repository, environment, branch);
            var path = Path.Combine(storage._files.Directory, EntryFiles.FileName(name, scope));
            return File.Exists(path) ? Load(path, scope) : null;
        }

        public void Put(StoredSecret secret)
        {
            ArgumentNullException.ThrowIfNull(secret);
            storage._files.Write(new VaultEntry(VaultEntry.CurrentFormat, secret.Name,
                new VaultScope(secret.Repository, secret.Environment, secret.Branch), secret.Versions));
        }

        public void Delete(StoredSecret secret)
        {
            ArgumentNullException.ThrowIfNull(secret);
            EntryFiles.Shred(secret.Location);
        }
    }
}
