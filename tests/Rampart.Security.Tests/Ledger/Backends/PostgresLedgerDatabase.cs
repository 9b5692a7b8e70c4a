using Npgsql;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Security.Tests.Ledger.Backends;

/// <summary>
/// A throwaway database on the test server for one test class (<c>ledger_test_…</c>), dropped
/// after; each test gets its own schema in it, so each test has its own ledger.
/// </summary>
public sealed class PostgresLedgerDatabase : IAsyncLifetime
{
    private string _admin = "";

    public string Name { get; } = "ledger_test_" + Guid.NewGuid().ToString("N");

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable(PostgresServer.Variable) ?? "";
        if (_admin.Length == 0)
            return; // Each test asks PostgresServer, which skips (or fails in CI) with the reason.
        await ExecuteAsync(_admin, $"CREATE DATABASE \"{Name}\";");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    /// <summary>A connection string whose search path is a new, empty schema.</summary>
    public async Task<string> NewSchemaAsync()
    {
        PostgresServer.ConnectionString();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(ConnectionString, $"CREATE SCHEMA {schema};");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin.Length == 0)
            return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE);");
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
