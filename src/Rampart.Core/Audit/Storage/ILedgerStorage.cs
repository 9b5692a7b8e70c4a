namespace Rampart.Core.Audit.Storage;

/// <summary>
/// Where a ledger's rows live: a SQLite file in the state folder, or tables in the service's
/// PostgreSQL. Rows only: hashing, signing and verification stay in the ledger, so every storage
/// gives the same guarantees and <c>rampart ledger verify</c> reads them all alike.
/// </summary>
/// <remarks>
/// Reads may run on any thread unless the storage says otherwise; <see cref="OpenReadOnly"/> gives
/// a handle for another thread. A storage that several processes or hosts share must make
/// <see cref="BeginBatch"/> exclusive across all of them.
/// </remarks>
public interface ILedgerStorage : IDisposable
{
    /// <summary>Where the rows are, for messages: a path, or host, port and database (never a password).</summary>
    string Location { get; }

    /// <summary>The number of entries: one past the highest stored index.</summary>
    long Count();

    /// <summary>Hash of the perfect subtree (level, index); level 0 is an entry's leaf hash. Null when not stored.</summary>
    byte[]? Node(int level, long index);

    /// <summary>Entries from index <paramref name="since"/> on, in index order, at most <paramref name="limit"/>.</summary>
    IEnumerable<StoredEntry> Entries(long since, long limit);

    /// <summary>Streams entries in index order to <paramref name="visit"/>, which returns false to stop.</summary>
    void VisitEntries(long since, LedgerEntryVisitor visit);

    /// <summary>Every stored checkpoint by size, or only the largest.</summary>
    IReadOnlyList<StoredCheckpoint> Checkpoints(bool latestOnly);

    /// <summary>
    /// Starts writing one batch: waits until no other writer of this ledger (thread, process, host)
    /// holds one, then reads the tree size. Nothing is visible to others before <see cref="ILedgerWriteBatch.Commit"/>.
    /// </summary>
    ILedgerWriteBatch BeginBatch();

    /// <summary>A second handle on the same rows, for reading from another thread; the caller disposes it.</summary>
    ILedgerStorage OpenReadOnly();
}
