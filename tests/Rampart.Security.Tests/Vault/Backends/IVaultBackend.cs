using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault.Backends;

/// <summary>
/// A vault on one storage, its master key file in a folder of its own (as in real use), and the
/// means to edit what the storage holds the way an intruder with write access to it could.
/// </summary>
public interface IVaultBackend : IAsyncDisposable
{
    /// <summary>A throw-away folder for the test (the master key file is under it, outside the store).</summary>
    string Root { get; }

    string KeyPath { get; }

    MasterKeySource Keys { get; }

    /// <summary>The vault every test uses, with <see cref="Keys"/>.</summary>
    SecretVault Vault { get; }

    /// <summary>Another vault instance on the same storage (another process or replica would see this).</summary>
    Task<SecretVault> OpenAsync(MasterKeySource keys);

    /// <summary>Everything the storage holds, as text, to search for forms of a value or a key.</summary>
    Task<string> DumpAsync();

    /// <summary>How many secrets (name + scope) the storage holds.</summary>
    Task<int> CountAsync();

    /// <summary>Flips one bit in the first byte of a sealed field (ciphertext, tag, nonce, wrappedKey) of every version of <paramref name="name"/>.</summary>
    Task FlipAsync(string name, string field);

    /// <summary>Moves the sealed versions of <paramref name="name"/> to another scope, changing nothing else.</summary>
    Task MoveAsync(string name, VaultScope to);

    /// <summary>A copy of what the storage holds for <paramref name="name"/>, to put back later with <see cref="PlantAsync"/>.</summary>
    Task<object> StealAsync(string name);

    Task PlantAsync(object stolen);
}
