using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Backends;

/// <summary>A database with a random name on the test server, created empty and dropped after.</summary>
public sealed class PostgresBackend : IStoreBackend
{
    private readonly string _admin;
    private readonly string _name;
    private readonly List<ServiceDatabase> _opened = [];

    private PostgresBackend(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<IStoreBackend> CreateAsync(CancellationToken cancellationToken)
    {
        var admin = PostgresServer.ConnectionString();
        var name = "rampart_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\";", cancellationToken);
        return new PostgresBackend(admin, name);
    }

    public async Task<ServiceDatabase> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await PostgresServiceDatabase.OpenAsync(ConnectionString, cancellationToken);
        lock (_opened)
            _opened.Add(db);
        return db;
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync(ConnectionString, sql, cancellationToken);

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _opened)
            await db.DisposeAsync();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE);", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
