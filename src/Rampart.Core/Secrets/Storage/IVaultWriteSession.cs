namespace Rampart.Core.Secrets.Storage;

/// <summary>What a writer of a vault storage may do while it holds the storage's write lock.</summary>
public interface IVaultWriteSession
{
    /// <summary>The secrets as this writer sees them (its own writes included).</summary>
    IReadOnlyList<StoredSecret> Secrets(string? name);

    /// <summary>The secret with this name and exact scope (possibly one the storage cannot read), or null.</summary>
    StoredSecret? Find(string name, string? repository, string? environment, string? branch);

    /// <summary>Replaces every version of the secret with that name and scope by <paramref name="secret"/>'s versions.</summary>
    void Put(StoredSecret secret);

    /// <summary>Removes the secret <paramref name="secret"/> (found by this session), every version of it.</summary>
    void Delete(StoredSecret secret);
}
