using Npgsql;
using Rampart.Security.Ledger;
using Rampart.Store.Postgres.Ledger;

namespace Rampart.Security.Tests.Ledger.Backends;

/// <summary>The ledger in a schema of its own on the real PostgreSQL, signed with a temporary state folder's key.</summary>
public sealed class PostgresLedgerBackend : ILedgerBackend
{
    private readonly TempLedgerFolder _folder = new();

    private PostgresLedgerBackend(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string StateFolder => _folder.Path;

    public static async Task<PostgresLedgerBackend> CreateAsync(PostgresLedgerDatabase database) => new(await database.NewSchemaAsync());

    public async Task<AuditLedger> OpenAsync(LedgerOptions? options = null) =>
        AuditLedger.Open(_folder.Path, await PostgresLedgerStorage.OpenAsync(ConnectionString, create: true, TestContext.Current.CancellationToken), options);

    public async Task<LedgerReader> OpenReaderAsync() =>
        LedgerReader.Open(await PostgresLedgerStorage.OpenAsync(ConnectionString, create: false, TestContext.Current.CancellationToken));

    public Task TamperAsync(string sql, params (string Name, object Value)[] parameters) =>
        PostgresLedgerDatabase.ExecuteAsync(ConnectionString,
            "ALTER TABLE ledger_entries DISABLE TRIGGER USER; ALTER TABLE ledger_nodes DISABLE TRIGGER USER; "
            + "ALTER TABLE ledger_checkpoints DISABLE TRIGGER USER; " + Tables(sql),
            [.. parameters.Select(p => (p.Name.TrimStart('@'), p.Value))]);

    public async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Tables(sql), connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task WipeAsync() => TamperAsync("TRUNCATE {entries}, {nodes}, {checkpoints};");

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Tables(string sql) =>
        sql.Replace("{entries}", "ledger_entries", StringComparison.Ordinal).Replace("{nodes}", "ledger_nodes", StringComparison.Ordinal)
            .Replace("{checkpoints}", "ledger_checkpoints", StringComparison.Ordinal);
}
