using Microsoft.Data.Sqlite;
using Rampart.Core.Audit.Storage;

namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// One immediate transaction on the ledger file: <c>BEGIN IMMEDIATE</c> takes SQLite's write lock
/// (other processes wait up to the busy timeout), then the size is read inside it. Rows go in with
/// prepared statements; SQLite runs in-process, so one statement per row costs no round trip.
/// </summary>
internal sealed class SqliteLedgerBatch : ILedgerWriteBatch
{
    private readonly SqliteLedgerStorage _storage;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insertEntry;
    private readonly SqliteCommand _insertNode;

    public SqliteLedgerBatch(SqliteLedgerStorage storage)
    {
        _storage = storage;
        _transaction = storage.Connection.BeginTransaction(deferred: false);
        Size = storage.Count(_transaction);
        _insertEntry = Prepare("INSERT INTO entries (idx, body, leaf_hash) VALUES ($a, $b, $c);", SqliteType.Blob);
        _insertNode = Prepare("INSERT INTO nodes (id, hash) VALUES ($a, $b);", null);
    }

    public long Size { get; }

    public byte[]? Node(int level, long index) => _storage.Node(level, index, _transaction);

    public StoredCheckpoint? LatestCheckpoint() => _storage.Checkpoints(_transaction, latestOnly: true) is [var last] ? last : null;

    public void AddEntry(long index, byte[] body, byte[] leafHash)
    {
        _insertEntry.Parameters[0].Value = index;
        _insertEntry.Parameters[1].Value = body;
        _insertEntry.Parameters[2].Value = leafHash;
        _insertEntry.ExecuteNonQuery();
    }

    public void AddNode(int level, long index, byte[] hash)
    {
        _insertNode.Parameters[0].Value = LedgerNodeId.Of(level, index);
        _insertNode.Parameters[1].Value = hash;
        _insertNode.ExecuteNonQuery();
    }

    public void AddCheckpoint(long size, string signedNote, DateTimeOffset createdAt)
    {
        using var insert = _storage.Connection.CreateCommand();
        insert.Transaction = _transaction;
        insert.CommandText = "INSERT OR IGNORE INTO checkpoints (size, note, created_ms) VALUES ($size, $note, $ms);";
        insert.Parameters.AddWithValue("$size", size);
        insert.Parameters.AddWithValue("$note", signedNote);
        insert.Parameters.AddWithValue("$ms", createdAt.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _insertEntry.Dispose();
        _insertNode.Dispose();
        _transaction.Dispose();
    }

    private SqliteCommand Prepare(string sql, SqliteType? third)
    {
        var command = _storage.Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.Parameters.Add("$a", SqliteType.Integer);
        command.Parameters.Add("$b", SqliteType.Blob);
        if (third is { } type)
            command.Parameters.Add("$c", type);
        return command;
    }
}
