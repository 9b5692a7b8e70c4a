using Microsoft.Data.Sqlite;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// Writes one batch in one immediate transaction: takes the write lock (so other processes wait),
/// rebuilds the tree's right edge from the file, inserts entries and completed nodes, signs a
/// checkpoint when one is due, commits. Either the whole batch is durable or none of it is.
/// </summary>
internal sealed class LedgerBatchWriter(LedgerDatabase database, NoteSigner signer, LedgerOptions options)
{
    public IReadOnlyList<long> Write(IReadOnlyList<Rampart.Core.Audit.AuditEvent> events, bool forceCheckpoint)
    {
        using var transaction = database.Connection.BeginTransaction(deferred: false);
        var size = database.Count(transaction);
        var frontier = MerkleFrontier.Restore(size, (level, index) => database.Node(level, index, transaction));
        var now = options.Clock.GetUtcNow();
        var indexes = new List<long>(events.Count);

        if (events.Count > 0)
        {
            using var insertEntry = database.Connection.CreateCommand();
            insertEntry.Transaction = transaction;
            insertEntry.CommandText = "INSERT INTO entries (idx, body, leaf_hash) VALUES ($idx, $body, $leaf);";
            var idx = insertEntry.Parameters.Add("$idx", SqliteType.Integer);
            var body = insertEntry.Parameters.Add("$body", SqliteType.Blob);
            var leaf = insertEntry.Parameters.Add("$leaf", SqliteType.Blob);
            using var insertNode = database.Connection.CreateCommand();
            insertNode.Transaction = transaction;
            insertNode.CommandText = "INSERT INTO nodes (id, hash) VALUES ($id, $hash);";
            var nodeId = insertNode.Parameters.Add("$id", SqliteType.Integer);
            var nodeHash = insertNode.Parameters.Add("$hash", SqliteType.Blob);

            foreach (var auditEvent in events)
            {
                var index = frontier.Size;
                var bytes = LedgerEntry.From(index, now, auditEvent).ToCanonicalJson();
                var leafHash = MerkleHash.Leaf(bytes);
                idx.Value = index;
                body.Value = bytes;
                leaf.Value = leafHash;
                insertEntry.ExecuteNonQuery();
                frontier.Append(leafHash, (level, nodeIndex, hash) =>
                {
                    nodeId.Value = LedgerSchema.NodeId(level, nodeIndex);
                    nodeHash.Value = hash;
                    insertNode.ExecuteNonQuery();
                });
                indexes.Add(index);
            }
        }

        var latest = database.Checkpoints(transaction, latestOnly: true) is [var last] ? last : null;
        var covered = latest?.Size ?? 0;
        var due = frontier.Size > covered && (forceCheckpoint
            || frontier.Size - covered >= options.CheckpointEveryEntries
            || latest is null
            || now - latest.CreatedAt >= options.CheckpointInterval);
        if (due)
        {
            var note = new Checkpoint(signer.Name, frontier.Size, frontier.Root()).Sign(signer);
            using var insert = database.Connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO checkpoints (size, note, created_ms) VALUES ($size, $note, $ms);";
            insert.Parameters.AddWithValue("$size", frontier.Size);
            insert.Parameters.AddWithValue("$note", note);
            insert.Parameters.AddWithValue("$ms", now.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return indexes;
    }
}
