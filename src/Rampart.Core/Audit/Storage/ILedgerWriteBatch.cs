namespace Rampart.Core.Audit.Storage;

/// <summary>
/// One batch of ledger rows written as one transaction while holding the ledger's write lock.
/// Disposing without <see cref="Commit"/> discards every row added.
/// </summary>
public interface ILedgerWriteBatch : IDisposable
{
    /// <summary>The tree size when the lock was taken; the first entry added must have this index.</summary>
    long Size { get; }

    /// <summary>Hash of the perfect subtree (level, index) as stored before this batch; null when not stored.</summary>
    byte[]? Node(int level, long index);

    /// <summary>The largest stored checkpoint, or null.</summary>
    StoredCheckpoint? LatestCheckpoint();

    void AddEntry(long index, byte[] body, byte[] leafHash);

    /// <summary>Adds the hash of a completed perfect subtree above the leaves (level ≥ 1).</summary>
    void AddNode(int level, long index, byte[] hash);

    /// <summary>Adds a signed checkpoint; one already stored at that size is kept.</summary>
    void AddCheckpoint(long size, string signedNote, DateTimeOffset createdAt);

    /// <summary>Makes every row added durable at once, or throws and keeps none.</summary>
    void Commit();
}
