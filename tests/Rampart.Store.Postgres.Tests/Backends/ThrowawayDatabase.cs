using Npgsql;

namespace Rampart.Store.Postgres.Tests.Backends;

/// <summary>A database of its own on the test PostgreSQL, dropped (with whatever still holds it) when disposed.</summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
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

    /// <summary>Creates one; without a test PostgreSQL the calling test is skipped (or fails in CI).</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string prefix) =>
        await CreateOnAsync(PostgresServer.ConnectionString(), prefix);

    /// <summary>
    /// For a class's set-up, where skipping is not possible yet: null without a test PostgreSQL, and the
    /// tests themselves call <see cref="PostgresServer.ConnectionString"/> to skip.
    /// </summary>
    public static async Task<ThrowawayDatabase?> TryCreateAsync(string prefix) =>
        Environment.GetEnvironmentVariable(PostgresServer.Variable) is { Length: > 0 } admin ? await CreateOnAsync(admin, prefix) : null;

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

    private static async Task<ThrowawayDatabase> CreateOnAsync(string admin, string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new ThrowawayDatabase(admin, name);
    }
}
