using Microsoft.Data.Sqlite;
using Rampart.Core.Audit.Storage;

namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// The ledger in a SQLite file (<c>ledger.db</c>) in WAL mode with <c>synchronous=FULL</c>: a
/// committed batch survives a crash or power loss, an interrupted one leaves nothing behind.
/// SQLite's write lock (<c>BEGIN IMMEDIATE</c>) makes batches exclusive between processes of one
/// host; WAL's shared memory does not reach other hosts. One connection: use it from one thread.
/// </summary>
internal sealed class SqliteLedgerStorage : ILedgerStorage
{
    private const int BusyTimeoutSeconds = 60;

    private SqliteLedgerStorage(SqliteConnection connection, string path)
    {
        Connection = connection;
        Location = path;
    }

    public SqliteConnection Connection { get; }

    public string Location { get; }

    public static SqliteLedgerStorage Open(string path, bool readOnly)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(full))
            throw new FileNotFoundException($"{full}: no ledger here", full);
        if (!readOnly && !File.Exists(full))
            CreatePrivateFile(full);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString());
        connection.Open();
        var storage = new SqliteLedgerStorage(connection, full);
        try
        {
            storage.Execute($"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
            if (!readOnly)
            {
                storage.Execute("PRAGMA journal_mode = WAL;");
                storage.Execute(LedgerSchema.Create);
            }

            storage.Execute("PRAGMA synchronous = FULL;");
        }
        catch
        {
            storage.Dispose();
            throw;
        }

        return storage;
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count() => Count(null);

    internal long Count(SqliteTransaction? transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries;";
        return (long)command.ExecuteScalar()!;
    }

    public byte[]? Node(int level, long index) => Node(level, index, null);

    internal byte[]? Node(int level, long index, SqliteTransaction? transaction)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        if (level == 0)
        {
            command.CommandText = "SELECT leaf_hash FROM entries WHERE idx = $id;";
            command.Parameters.AddWithValue("$id", index);
        }
        else
        {
            command.CommandText = "SELECT hash FROM nodes WHERE id = $id;";
            command.Parameters.AddWithValue("$id", LedgerNodeId.Of(level, index));
        }

        return command.ExecuteScalar() as byte[];
    }

    public IEnumerable<StoredEntry> Entries(long since, long limit)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT idx, body, leaf_hash FROM entries WHERE idx >= $since ORDER BY idx LIMIT $limit;";
        command.Parameters.AddWithValue("$since", since);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new StoredEntry(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
    }

    /// <summary>Reads blobs with GetValue: GetBytes goes through SQLite's incremental blob I/O, four times slower here.</summary>
    public void VisitEntries(long since, LedgerEntryVisitor visit)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT idx, body, leaf_hash FROM entries WHERE idx >= $since ORDER BY idx;";
        command.Parameters.AddWithValue("$since", since);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!visit(reader.GetInt64(0), reader.GetValue(1) as byte[] ?? [], reader.GetValue(2) as byte[] ?? []))
                return;
        }
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints(bool latestOnly) => Checkpoints(null, latestOnly);

    internal List<StoredCheckpoint> Checkpoints(SqliteTransaction? transaction, bool latestOnly)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = latestOnly
            ? "SELECT size, note, created_ms FROM checkpoints ORDER BY size DESC LIMIT 1;"
            : "SELECT size, note, created_ms FROM checkpoints ORDER BY size;";
        using var reader = command.ExecuteReader();
        var list = new List<StoredCheckpoint>();
        while (reader.Read())
            list.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        return list;
    }

    public ILedgerWriteBatch BeginBatch() => new SqliteLedgerBatch(this);

    public ILedgerStorage OpenReadOnly() => Open(Location, readOnly: true);

    public void Dispose() => Connection.Dispose();

    private static void CreatePrivateFile(string path)
    {
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; SQLite initialises the empty file either way.
        }
    }
}
