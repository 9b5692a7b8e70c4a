using Npgsql;
using Rampart.Core.Audit.Storage;

namespace Rampart.Store.Postgres.Ledger;

/// <summary>
/// The audit ledger in the service's PostgreSQL (tables <c>ledger_entries</c>, <c>ledger_nodes</c>,
/// <c>ledger_checkpoints</c>, migration 5), so replicas on several hosts append to one ledger.
/// Each read takes a pooled connection, so a storage may be read from several threads. Batches are
/// exclusive across every process that shares the database (<see cref="PostgresLedgerBatch"/>).
/// </summary>
public sealed class PostgresLedgerStorage : ILedgerStorage
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    private PostgresLedgerStorage(NpgsqlDataSource dataSource, string location, bool ownsDataSource)
    {
        _dataSource = dataSource;
        Location = location;
        _ownsDataSource = ownsDataSource;
    }

    public string Location { get; }

    /// <summary>
    /// Opens the ledger in the database <paramref name="connectionString"/> names. With
    /// <paramref name="create"/> the schema is migrated first (as <c>rampart server</c> does);
    /// without it a database that holds no ledger is refused. Throws <see cref="PostgresUnavailableException"/>
    /// with one clear line (never the password) when the database cannot be used.
    /// </summary>
    public static async Task<PostgresLedgerStorage> OpenAsync(string connectionString, bool create, CancellationToken cancellationToken)
    {
        var (dataSource, location) = await PgStoreDatabase.OpenAsync(connectionString, create, "ledger_entries", "ledger", cancellationToken).ConfigureAwait(false);
        return new PostgresLedgerStorage(dataSource, location, ownsDataSource: true);
    }

    public long Count()
    {
        using var command = _dataSource.CreateCommand("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries;");
        return (long)command.ExecuteScalar()!;
    }

    public byte[]? Node(int level, long index)
    {
        using var connection = _dataSource.OpenConnection();
        return ReadNode(connection, null, level, index);
    }

    public IEnumerable<StoredEntry> Entries(long since, long limit)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT idx, body, leaf_hash FROM ledger_entries WHERE idx >= @since ORDER BY idx LIMIT @limit;", connection);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new StoredEntry(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2));
    }

    public void VisitEntries(long since, LedgerEntryVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT idx, body, leaf_hash FROM ledger_entries WHERE idx >= @since ORDER BY idx;", connection);
        command.Parameters.AddWithValue("since", since);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!visit(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2)))
                return;
        }
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints(bool latestOnly)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(CheckpointsSql(latestOnly), connection);
        return ReadCheckpoints(command);
    }

    public ILedgerWriteBatch BeginBatch() => PostgresLedgerBatch.Begin(_dataSource);

    public ILedgerStorage OpenReadOnly() => new PostgresLedgerStorage(_dataSource, Location, ownsDataSource: false);

    public void Dispose()
    {
        if (_ownsDataSource)
            _dataSource.Dispose();
    }

    internal static string CheckpointsSql(bool latestOnly) => latestOnly
        ? "SELECT size, note, created_ms FROM ledger_checkpoints ORDER BY size DESC LIMIT 1;"
        : "SELECT size, note, created_ms FROM ledger_checkpoints ORDER BY size;";

    internal static List<StoredCheckpoint> ReadCheckpoints(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<StoredCheckpoint>();
        while (reader.Read())
            list.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        return list;
    }

    internal static byte[]? ReadNode(NpgsqlConnection connection, NpgsqlTransaction? transaction, int level, long index)
    {
        using var command = new NpgsqlCommand(level == 0
            ? "SELECT leaf_hash FROM ledger_entries WHERE idx = @id;"
            : "SELECT hash FROM ledger_nodes WHERE id = @id;", connection, transaction);
        command.Parameters.AddWithValue("id", level == 0 ? index : LedgerNodeId.Of(level, index));
        return command.ExecuteScalar() as byte[];
    }
}
