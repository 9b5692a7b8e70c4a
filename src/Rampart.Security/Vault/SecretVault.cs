using System.Security.Cryptography;
using Rampart.Core.Secrets;

namespace Rampart.Security.Vault;

/// <summary>
/// The encrypted secret store under <c>&lt;state&gt;/vault/</c>: envelope-encrypted, versioned
/// secrets scoped by repository, environment and branch. It is also the engine's
/// <see cref="ISecretSource"/>: a job gets the newest version of the most specific matching secret.
/// </summary>
public sealed class SecretVault : ISecretSource
{
    /// <summary>Versions kept per secret; older ones are removed (really) when a new one is set.</summary>
    public const int MaxVersions = 10;

    public const int MaxValueBytes = 64 * 1024;

    /// <summary>Shorter values would not be masked in logs (the masker's minimum), so they are refused.</summary>
    public const int MinValueLength = 4;

    private readonly EntryFiles _files;
    private readonly MasterKeySource _keys;
    private readonly TimeProvider _time;
    private readonly VaultLock _lock;

    public SecretVault(string directory, MasterKeySource keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _files = new EntryFiles(Path.Combine(directory, "entries"));
        _lock = new VaultLock(Path.Combine(directory, ".lock"));
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The vault folder inside a state folder.</summary>
    public static string DirectoryIn(string stateFolder) => Path.Combine(stateFolder, "vault");

    /// <summary>Stores a new version; creates the master key file first when there is none. Returns the version number.</summary>
    public int Set(string name, VaultScope scope, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(value);
        VaultNames.CheckName(name);
        VaultNames.CheckScope(scope);
        if (value.Trim().Length < MinValueLength)
            throw new VaultException($"the value is shorter than {MinValueLength} characters; logs could not mask it, so it is refused");
        if (EntryFiles.Utf8(value).Length > MaxValueBytes)
            throw new VaultException($"the value is larger than {MaxValueBytes / 1024} KiB");

        using var held = _lock.Acquire();
        var ring = KeyRing.Load(_keys, createIfMissing: true);
        var path = Path.Combine(_files.Directory, EntryFiles.FileName(name, scope));
        var previous = File.Exists(path) ? ReadablePrevious(path) : [];
        var version = previous.Count == 0 ? 1 : previous[^1].Version + 1;
        var created = _time.GetUtcNow();
        created = DateTimeOffset.FromUnixTimeMilliseconds(created.ToUnixTimeMilliseconds());
        var sealedVersion = Envelope.Seal(name, scope, version, created, ring.Current, value);
        _files.Write(new VaultEntry(VaultEntry.CurrentFormat, name, scope, [.. previous.TakeLast(MaxVersions - 1), sealedVersion]));
        return version;
    }

    /// <summary>The versions already stored; a damaged entry is replaced by the new value, as its error message advises.</summary>
    private static IReadOnlyList<SealedVersion> ReadablePrevious(string path)
    {
        try
        {
            return EntryFiles.Read(path).Versions;
        }
        catch (VaultException)
        {
            return [];
        }
    }

    public IReadOnlyList<VaultSecretInfo> List()
    {
        var list = new List<VaultSecretInfo>();
        foreach (var path in _files.Paths())
        {
            try
            {
                var e = EntryFiles.Read(path);
                list.Add(new VaultSecretInfo(e.Name, e.Scope, e.Versions.Count, e.Latest.Version, e.Versions[0].Created, e.Latest.Created, path, null));
            }
            catch (VaultException ex)
            {
                list.Add(new VaultSecretInfo(EntryFiles.NameOf(path), VaultScope.Any, 0, 0, null, null, path, ex.Message));
            }
        }

        return list;
    }

    /// <summary>
    /// Removes (shreds) every version of the secret with that name and exact scope; with a null scope,
    /// the only secret of that name, failing when several scopes hold one. Returns the files removed.
    /// </summary>
    public int Remove(string name, VaultScope? scope)
    {
        ArgumentNullException.ThrowIfNull(name);
        VaultNames.CheckName(name);
        using var held = _lock.Acquire();
        var paths = scope is null
            ? _files.Paths(name).ToList()
            : [.. _files.Paths(name).Where(p => Path.GetFileName(p) == EntryFiles.FileName(name, scope))];
        if (paths.Count > 1)
            throw new VaultException($"'{name}' exists in {paths.Count} scopes; name the one to remove with --repo/--env/--branch (see 'rampart secrets list')");
        foreach (var path in paths)
            EntryFiles.Shred(path);
        return paths.Count;
    }

    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return Task.FromResult(Unseal(name, scope));
        }
        catch (VaultException e)
        {
            throw new SecretSourceException(e.Message, e);
        }
    }

    /// <summary>The value a job in <paramref name="scope"/> would receive, or null when none matches.</summary>
    public string? Unseal(string name, SecretScope scope)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scope);
        if (!VaultNames.IsValidName(name))
            return null;
        var matches = new List<VaultEntry>();
        var unreadable = new List<VaultException>();
        foreach (var path in _files.Paths(name))
        {
            try
            {
                var entry = EntryFiles.Read(path);
                if (entry.Name == name && entry.Scope.Matches(scope))
                    matches.Add(entry);
            }
            catch (VaultException e)
            {
                unreadable.Add(e);
            }
        }

        if (matches.Count == 0)
        {
            // A damaged entry of this name might have been the one; saying "not defined" would mislead.
            return unreadable.Count == 0 ? null : throw unreadable[0];
        }

        var best = matches.Max(m => m.Scope.Specificity);
        var winners = matches.Where(m => m.Scope.Specificity == best).ToList();
        if (winners.Count > 1)
            throw new VaultException($"secret '{name}' is ambiguous for this job: scopes {string.Join(" and ", winners.Select(w => w.Scope))} both match; narrow one of them");

        var chosen = winners[0];
        var ring = KeyRing.Load(_keys, createIfMissing: false);
        var kek = ring.Find(chosen.Latest.Kek)
            ?? throw new VaultException($"secret '{name}' is sealed under master key {chosen.Latest.Kek}, but the loaded key ({_keys.Describe()}) is {ring.Current.Id}; was the key replaced without 'rampart secrets rotate-master'?");
        try
        {
            return Envelope.Open(name, chosen.Scope, chosen.Latest, kek);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw EntryFiles.Corrupt(Path.Combine(_files.Directory, EntryFiles.FileName(name, chosen.Scope)), "authentication failed: " + e.Message, e);
        }
    }

    /// <summary>
    /// Re-wraps every data key under a new master key, then makes that key the current one. Resumable:
    /// an interrupted rotation leaves both keys in place and the next run finishes it.
    /// </summary>
    public RotationResult RotateMaster()
    {
        using var held = _lock.Acquire();
        _files.RemoveLeftovers();
        var ring = KeyRing.Load(_keys, createIfMissing: false);
        var next = ring.Next;
        if (next is null)
        {
            if (_keys.IsInline)
                throw new VaultException($"the master key comes from ${MasterKeySource.KeyVariable}: put the new key (base64 of 32 random bytes, e.g. from 'head -c32 /dev/urandom | base64') in ${MasterKeySource.NewKeyVariable} and run this again");
            KeyFile.Create(_keys.NextFilePath, MasterKey.GenerateText());
            next = KeyFile.TryRead(_keys.NextFilePath)!;
        }

        var entries = 0;
        var versions = 0;
        var unreadable = new List<string>();
        foreach (var path in _files.Paths())
        {
            try
            {
                var entry = EntryFiles.Read(path);
                var rewrapped = entry.Versions.Select(v => v.Kek == next.Id ? v
                    : Envelope.Rewrap(entry.Name, entry.Scope, v, ring.Find(v.Kek) ?? throw new VaultException($"key {v.Kek} is not loaded"), next)).ToList();
                _files.Write(entry with { Versions = rewrapped });
                entries++;
                versions += rewrapped.Count;
            }
            catch (Exception e) when (e is VaultException or CryptographicException or FormatException)
            {
                unreadable.Add($"{path}: {EntryFiles.Describe(e)}");
            }
        }

        if (!_keys.IsInline)
            File.Move(_keys.NextFilePath, _keys.FilePath, overwrite: true);
        return new RotationResult(ring.Current.Id, next.Id, entries, versions, unreadable);
    }
}
