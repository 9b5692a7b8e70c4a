using Rampart.Core.Audit.Storage;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Storage;

namespace Rampart.Security.Ledger;

/// <summary>Read-only access to a ledger (a state folder's file, or another storage): entries, checkpoints and proofs.</summary>
public sealed class LedgerReader : IDisposable
{
    private readonly ILedgerStorage _storage;
    private readonly MerkleProofBuilder _proofs;

    private LedgerReader(ILedgerStorage storage)
    {
        _storage = storage;
        _proofs = new MerkleProofBuilder(StoredNode);
    }

    /// <summary>Opens the ledger of a state folder; <see cref="FileNotFoundException"/> when there is none.</summary>
    public static LedgerReader Open(string stateFolder) =>
        new(SqliteLedgerStorage.Open(LedgerPaths.Database(stateFolder), readOnly: true));

    /// <summary>Reads the ledger in <paramref name="storage"/>, which the reader then owns.</summary>
    public static LedgerReader Open(ILedgerStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new(storage);
    }

    /// <summary>Where the ledger's rows are (a path, or host, port and database).</summary>
    public string Location => _storage.Location;

    public long Count => _storage.Count();

    public IEnumerable<StoredEntry> RawEntries(long since = 0, long limit = long.MaxValue) => _storage.Entries(since, limit);

    public IEnumerable<LedgerEntry> Entries(long since = 0, long limit = long.MaxValue) =>
        _storage.Entries(since, limit).Select(e => LedgerEntry.Parse(e.Body));

    internal void VisitEntries(long since, LedgerEntryVisitor visit) => _storage.VisitEntries(since, visit);

    public IReadOnlyList<StoredCheckpoint> Checkpoints() => _storage.Checkpoints(latestOnly: false);

    public StoredCheckpoint? LatestCheckpoint() => _storage.Checkpoints(latestOnly: true) is [var latest] ? latest : null;

    /// <summary>The root hash of the first <paramref name="size"/> entries, from the stored tree.</summary>
    public byte[] Root(long size)
    {
        CheckSize(size);
        return _proofs.Root(size);
    }

    public InclusionProof ProveInclusion(long index, long treeSize)
    {
        CheckSize(treeSize);
        if (index < 0 || index >= treeSize)
            throw new ArgumentOutOfRangeException(nameof(index), $"entry {index} is not in a tree of {treeSize} entries");
        return new InclusionProof(index, treeSize, StoredNode(0, index), _proofs.Inclusion(index, treeSize), _proofs.Root(treeSize));
    }

    public ConsistencyProof ProveConsistency(long size1, long size2)
    {
        CheckSize(size2);
        if (size1 < 1 || size1 > size2)
            throw new ArgumentOutOfRangeException(nameof(size1), $"no consistency proof from {size1} to {size2} entries (need 1 <= old <= new)");
        return new ConsistencyProof(size1, size2, _proofs.Root(size1), _proofs.Root(size2), _proofs.Consistency(size1, size2));
    }

    public void Dispose() => _storage.Dispose();

    private byte[] StoredNode(int level, long index) => _storage.Node(level, index) ?? throw LedgerBatchWriter.Missing(level, index);

    private void CheckSize(long size)
    {
        var count = Count;
        if (size < 0 || size > count)
            throw new ArgumentOutOfRangeException(nameof(size), $"the ledger has {count} entries, not {size}");
    }
}
