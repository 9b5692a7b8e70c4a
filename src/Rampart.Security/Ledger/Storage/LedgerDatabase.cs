using Microsoft.Data.Sqlite;

namespace Rampart.Security.Ledger.Storage;

/// <summary>
/// One connection to the ledger file. SQLite in WAL mode with <c>synchronous=FULL</c>: a committed
/// batch survives a crash or power loss, an interrupted one leaves nothing behind.
/// </summary>
internal delegate bool EntryVisitor(long index, ReadOnlySpan<byte> body, ReadOnlySpan<byte> leafHash);

internal sealed class LedgerDatabase : IDisposable
{
    private const int BusyTimeoutSeconds = 60;

    private LedgerDatabase(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    public SqliteConnection Connection { get; }

    public string Path { get; }

    public static LedgerDatabase Open(string path, bool readOnly)
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
        var database = new LedgerDatabase(connection, full);
        try
        {
            database.Execute($"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
            if (!readOnly)
            {
                database.Execute("PRAGMA journal_mode = WAL;");
                database.Execute(LedgerSchema.Create);
            }

            database.Execute("PRAGMA synchronous = FULL;");
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return database;
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count(SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Hash of the perfect subtree (level, index); level 0 is a leaf hash.</summary>
    public byte[] Node(int level, long index, SqliteTransaction? transaction = null)
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
            command.Parameters.AddWithValue("$id", LedgerSchema.NodeId(level, index));
        }

        return command.ExecuteScalar() as byte[]
            ?? throw new LedgerCorruptException($"the stored tree lacks the node at level {level}, index {index}");
    }

    public IEnumerable<StoredEntry> Entries(long since, long limit = long.MaxValue)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT idx, body, leaf_hash FROM entries WHERE idx >= $since ORDER BY idx LIMIT $limit;";
        command.Parameters.AddWithValue("$since", since);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new StoredEntry(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
    }

    /// <summary>
    /// Streams entries to <paramref name="visit"/> (index, body, leaf hash), which returns false to stop.
    /// Reads blobs with GetValue: GetBytes goes through SQLite's incremental blob I/O, four times slower here.
    /// </summary>
    public void VisitEntries(long since, EntryVisitor visit)
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

    public List<StoredCheckpoint> Checkpoints(SqliteTransaction? transaction = null, bool latestOnly = false)
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
