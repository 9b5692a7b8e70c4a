using System.Data;
using Npgsql;
using NpgsqlTypes;
using Rampart.Core.Audit.Storage;

namespace Rampart.Store.Postgres.Ledger;

/// <summary>
/// One ledger batch on PostgreSQL. It begins a READ COMMITTED transaction and takes a
/// transaction-scoped advisory lock, so one writer at a time appends, whichever process or host it
/// runs on; the tree size and latest checkpoint are read after the lock is granted (each statement
/// of READ COMMITTED sees what committed before it started, so the previous holder's rows), in the
/// same round trip. Rows are buffered and sent at commit as three array inserts: a batch of
/// thousands of entries costs a handful of round trips. The lock ends with the transaction, also
/// when the connection drops.
/// </summary>
internal sealed class PostgresLedgerBatch : ILedgerWriteBatch
{
    // Any constant works as long as every writer uses it; "ledger" in ASCII. Locks are per database.
    private const long LockKey = 0x6c6564676572;
    private const int LockWaitSeconds = 60;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly StoredCheckpoint? _latest;
    private readonly List<long> _indexes = [];
    private readonly List<byte[]> _bodies = [];
    private readonly List<byte[]> _leaves = [];
    private readonly List<long> _nodeIds = [];
    private readonly List<byte[]> _nodeHashes = [];
    private (long Size, string Note, long Ms)? _checkpoint;

    private PostgresLedgerBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, long size, StoredCheckpoint? latest)
    {
        _connection = connection;
        _transaction = transaction;
        Size = size;
        _latest = latest;
    }

    public long Size { get; }

    public static PostgresLedgerBatch Begin(NpgsqlDataSource dataSource)
    {
        var connection = dataSource.OpenConnection();
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            using var batch = new NpgsqlBatch(connection, transaction) { Timeout = LockWaitSeconds };
            var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key);");
            lockCommand.Parameters.AddWithValue("key", LockKey);
            batch.BatchCommands.Add(lockCommand);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries;"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresLedgerStorage.CheckpointsSql(latestOnly: true)));
            long size;
            StoredCheckpoint? latest = null;
            using (var reader = batch.ExecuteReader())
            {
                reader.NextResult();
                reader.Read();
                size = reader.GetInt64(0);
                reader.NextResult();
                if (reader.Read())
                    latest = new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
            }

            return new PostgresLedgerBatch(connection, transaction, size, latest);
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    public byte[]? Node(int level, long index) => PostgresLedgerStorage.ReadNode(_connection, _transaction, level, index);

    public StoredCheckpoint? LatestCheckpoint() => _latest;

    public void AddEntry(long index, byte[] body, byte[] leafHash)
    {
        _indexes.Add(index);
        _bodies.Add(body);
        _leaves.Add(leafHash);
    }

    public void AddNode(int level, long index, byte[] hash)
    {
        _nodeIds.Add(LedgerNodeId.Of(level, index));
        _nodeHashes.Add(hash);
    }

    public void AddCheckpoint(long size, string signedNote, DateTimeOffset createdAt) =>
        _checkpoint = (size, signedNote, createdAt.ToUnixTimeMilliseconds());

    public void Commit()
    {
        using var batch = new NpgsqlBatch(_connection, _transaction) { Timeout = LockWaitSeconds };
        if (_indexes.Count > 0)
        {
            var entries = new NpgsqlBatchCommand("INSERT INTO ledger_entries (idx, body, leaf_hash) SELECT * FROM unnest(@idx, @body, @leaf);");
            entries.Parameters.Add(new NpgsqlParameter("idx", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = _indexes.ToArray() });
            entries.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = _bodies.ToArray() });
            entries.Parameters.Add(new NpgsqlParameter("leaf", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = _leaves.ToArray() });
            batch.BatchCommands.Add(entries);
        }

        if (_nodeIds.Count > 0)
        {
            var nodes = new NpgsqlBatchCommand("INSERT INTO ledger_nodes (id, hash) SELECT * FROM unnest(@id, @hash);");
            nodes.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = _nodeIds.ToArray() });
            nodes.Parameters.Add(new NpgsqlParameter("hash", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = _nodeHashes.ToArray() });
            batch.BatchCommands.Add(nodes);
        }

        if (_checkpoint is { } checkpoint)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO ledger_checkpoints (size, note, created_ms) VALUES (@size, @note, @ms) ON CONFLICT (size) DO NOTHING;");
            insert.Parameters.AddWithValue("size", checkpoint.Size);
            insert.Parameters.AddWithValue("note", checkpoint.Note);
            insert.Parameters.AddWithValue("ms", checkpoint.Ms);
            batch.BatchCommands.Add(insert);
        }

        if (batch.BatchCommands.Count > 0)
            batch.ExecuteNonQuery();
        _transaction.Commit();
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
