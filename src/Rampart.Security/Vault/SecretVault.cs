using System.Security.Cryptography;
using Rampart.Core.Secrets;
using Rampart.Core.Secrets.Storage;

namespace Rampart.Security.Vault;

/// <summary>
/// The encrypted secret store: envelope-encrypted, versioned secrets scoped by repository, environment
/// and branch, kept by an <see cref="IVaultStorage"/> (the state folder's <c>vault/</c>, or the service's
/// PostgreSQL) that only ever sees sealed values. It is also the engine's
/// <see cref="ISecretSource"/>: a job gets the newest version of the most specific matching secret.
/// </summary>
public sealed class SecretVault : ISecretSource, IDisposable
{
    /// <summary>Versions kept per secret; older ones are removed (really) when a new one is set.</summary>
    public const int MaxVersions = 10;

    public const int MaxValueBytes = 64 * 1024;

    /// <summary>Shorter values would not be masked in logs (the masker's minimum), so they are refused.</summary>
    public const int MinValueLength = 4;

    private readonly IVaultStorage _storage;
    private readonly MasterKeySource _keys;
    private readonly TimeProvider _time;

    /// <summary>The vault in a folder (<see cref="DirectoryIn"/> of a state folder).</summary>
    public SecretVault(string directory, MasterKeySource keys, TimeProvider? time = null)
        : this(new FileVaultStorage(directory ?? throw new ArgumentNullException(nameof(directory))), keys, time)
    {
    }

    /// <summary>The vault in <paramref name="storage"/>, which it disposes.</summary>
    public SecretVault(IVaultStorage storage, MasterKeySource keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Where the sealed secrets are, for messages.</summary>
    public string Location => _storage.Location;

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

        return _storage.Write(session =>
        {
            var ring = KeyRing.Load(_keys, createIfMissing: true);
            // A damaged entry is replaced by the new value, as its error message advises.
            var previous = session.Find(name, scope.Repository, scope.Environment, scope.Branch) is { Problem: null } found ? found.Versions : [];
            var version = previous.Count == 0 ? 1 : previous[^1].Version + 1;
            var created = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            var sealedVersion = Envelope.Seal(name, scope, version, created, ring.Current, value);
            session.Put(new StoredSecret(name, scope.Repository, scope.Environment, scope.Branch,
                [.. previous.TakeLast(MaxVersions - 1), sealedVersion], _storage.Location));
            return version;
        });
    }

    public IReadOnlyList<VaultSecretInfo> List() =>
        [.. _storage.Secrets(null).Select(s => s.Problem is null && s.Versions.Count > 0
            ? new VaultSecretInfo(s.Name, ScopeOf(s), s.Versions.Count, s.Versions[^1].Version, s.Versions[0].Created, s.Versions[^1].Created, s.Location, null)
            : new VaultSecretInfo(s.Name, VaultScope.Any, 0, 0, null, null, s.Location, s.Problem ?? "no versions"))];

    /// <summary>
    /// Removes (shreds) every version of the secret with that name and exact scope; with a null scope,
    /// the only secret of that name, failing when several scopes hold one. Returns the secrets removed.
    /// </summary>
    public int Remove(string name, VaultScope? scope)
    {
        ArgumentNullException.ThrowIfNull(name);
        VaultNames.CheckName(name);
        return _storage.Write(session =>
        {
            List<StoredSecret> found = scope is null
                ? [.. session.Secrets(name)]
                : session.Find(name, scope.Repository, scope.Environment, scope.Branch) is { } one ? [one] : [];
            if (found.Count > 1)
                throw new VaultException($"'{name}' exists in {found.Count} scopes; name the one to remove with --repo/--env/--branch (see 'rampart secrets list')");
            foreach (var secret in found)
                session.Delete(secret);
            return found.Count;
        });
    }

    public async Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scope);
        if (!VaultNames.IsValidName(name))
            return null;
        try
        {
            return Open(name, scope, await _storage.SecretsAsync(name, cancellationToken).ConfigureAwait(false));
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
        return VaultNames.IsValidName(name) ? Open(name, scope, _storage.Secrets(name)) : null;
    }

    /// <summary>Chooses the most specific of <paramref name="stored"/> (the secrets named <paramref name="name"/>) that matches, and opens its newest version.</summary>
    private string? Open(string name, SecretScope scope, IReadOnlyList<StoredSecret> stored)
    {
        var matches = new List<StoredSecret>();
        var unreadable = new List<VaultException>();
        foreach (var secret in stored)
        {
            if (secret.Problem is not null || secret.Versions.Count == 0)
                unreadable.Add(new VaultException(secret.Problem ?? EntryFiles.Corrupt(secret.Location, secret.Name, "no versions").Message));
            else if (secret.Name == name && ScopeOf(secret).Matches(scope))
                matches.Add(secret);
        }

        if (matches.Count == 0)
        {
            // A damaged entry of this name might have been the one; saying "not defined" would mislead.
            return unreadable.Count == 0 ? null : throw unreadable[0];
        }

        var best = matches.Max(m => ScopeOf(m).Specificity);
        var winners = matches.Where(m => ScopeOf(m).Specificity == best).ToList();
        if (winners.Count > 1)
            throw new VaultException($"secret '{name}' is ambiguous for this job: scopes {string.Join(" and ", winners.Select(w => ScopeOf(w)))} both match; narrow one of them");

        var chosen = winners[0];
        var latest = chosen.Versions[^1];
        var ring = KeyRing.Load(_keys, createIfMissing: false);
        var kek = ring.Find(latest.Kek)
            ?? throw new VaultException($"secret '{name}' is sealed under master key {latest.Kek}, but the loaded key ({_keys.Describe()}) is {ring.Current.Id}; was the key replaced without 'rampart secrets rotate-master'?");
        try
        {
            return Envelope.Open(name, ScopeOf(chosen), latest, kek);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw EntryFiles.Corrupt(chosen.Location, name, "authentication failed: " + e.Message, e);
        }
    }

    /// <summary>
    /// Re-wraps every data key under a new master key, then makes that key the current one. Resumable:
    /// an interrupted rotation leaves both keys in place and the next run finishes it.
    /// </summary>
    public RotationResult RotateMaster()
    {
        var result = _storage.Write(Rewrap);
        // Only once every re-wrapped version is stored: a storage that failed to keep them still needs the old key.
        if (!_keys.IsInline)
            File.Move(_keys.NextFilePath, _keys.FilePath, overwrite: true);
        return result;
    }

    private RotationResult Rewrap(IVaultWriteSession session)
    {
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
        foreach (var secret in session.Secrets(null))
        {
            try
            {
                if (secret.Problem is not null)
                    throw new VaultException(secret.Problem);
                var scope = ScopeOf(secret);
                var rewrapped = secret.Versions.Select(v => v.Kek == next.Id ? v
                    : Envelope.Rewrap(secret.Name, scope, v, ring.Find(v.Kek) ?? throw new VaultException($"key {v.Kek} is not loaded"), next)).ToList();
                session.Put(secret with { Versions = rewrapped });
                entries++;
                versions += rewrapped.Count;
            }
            catch (Exception e) when (e is VaultException or CryptographicException or FormatException)
            {
                unreadable.Add($"{secret.Location}: {EntryFiles.Describe(e)}");
            }
        }

        return new RotationResult(ring.Current.Id, next.Id, entries, versions, unreadable);
    }

    public void Dispose() => _storage.Dispose();

    private static VaultScope ScopeOf(StoredSecret secret) => new(secret.Repository, secret.Environment, secret.Branch);
}
