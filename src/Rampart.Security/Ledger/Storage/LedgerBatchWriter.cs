using Rampart.Core.Audit;
using Rampart.Core.Audit.Storage;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// Writes one batch through the storage's exclusive batch: takes the write lock (so every other
/// writer waits), rebuilds the tree's right edge from the stored nodes, adds entries and completed
/// nodes, signs a checkpoint when one is due, commits. Either the whole batch is durable or none of it is.
/// When no other writer appended since this one's last commit (the size read under the lock is
/// the size it left), it reuses the edge it kept instead of reading it back: on PostgreSQL that
/// saves about log₂ n round trips per batch.
/// </summary>
internal sealed class LedgerBatchWriter(ILedgerStorage storage, NoteSigner signer, LedgerOptions options)
{
    private MerkleFrontier? _committed;

    public IReadOnlyList<long> Write(IReadOnlyList<AuditEvent> events, bool forceCheckpoint)
    {
        using var batch = storage.BeginBatch();
        var frontier = _committed is { } kept && kept.Size == batch.Size
            ? kept.Copy()
            : MerkleFrontier.Restore(batch.Size, (level, index) => batch.Node(level, index) ?? throw Missing(level, index));
        var now = options.Clock.GetUtcNow();
        var indexes = new List<long>(events.Count);

        foreach (var auditEvent in events)
        {
            var index = frontier.Size;
            var bytes = LedgerEntry.From(index, now, auditEvent).ToCanonicalJson();
            var leafHash = MerkleHash.Leaf(bytes);
            batch.AddEntry(index, bytes, leafHash);
            frontier.Append(leafHash, batch.AddNode);
            indexes.Add(index);
        }

        var latest = batch.LatestCheckpoint();
        var covered = latest?.Size ?? 0;
        var due = frontier.Size > covered && (forceCheckpoint
            || frontier.Size - covered >= options.CheckpointEveryEntries
            || latest is null
            || now - latest.CreatedAt >= options.CheckpointInterval);
        if (due)
            batch.AddCheckpoint(frontier.Size, new Checkpoint(signer.Name, frontier.Size, frontier.Root()).Sign(signer), now);

        batch.Commit();
        _committed = frontier;
        return indexes;
    }

    internal static LedgerCorruptException Missing(int level, long index) =>
        new($"the stored tree lacks the node at level {level}, index {index}");
}
