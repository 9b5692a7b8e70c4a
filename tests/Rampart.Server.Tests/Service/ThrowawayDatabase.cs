using Npgsql;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Server.Tests.Service;

/// <summary>A database of its own on the test PostgreSQL, dropped (with whatever still holds it) when disposed.</summary>
internal sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private ThrowawayDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The server's <c>database</c> setting for it.</summary>
    public string Setting => "postgres:" + ConnectionString;

    public static async Task<ThrowawayDatabase> CreateAsync(string prefix)
    {
        var admin = PostgresServer.ConnectionString();
        var name = prefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new ThrowawayDatabase(admin, name);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}
