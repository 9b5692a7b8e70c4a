using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite.Service;

/// <summary>
/// Opens short-lived pooled connections to one SQLite file, after migrating it once, and runs
/// parameterised statements on them. Shared by every service store of one database.
/// </summary>
internal sealed class SqliteConnector
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _initialized;

    public SqliteConnector(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        _initialized = new Lazy<Task>(InitializeAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabasePath { get; }

    /// <summary>SQLITE_CONSTRAINT with a UNIQUE or PRIMARY KEY violation.</summary>
    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == 19 && exception.SqliteExtendedErrorCode is 2067 or 1555;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<List<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(read(reader));
        }
        return list;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            Schema.Migrate(connection);
    }
}
