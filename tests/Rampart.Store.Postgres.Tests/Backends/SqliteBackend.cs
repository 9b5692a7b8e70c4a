using System.Globalization;
using Microsoft.Data.Sqlite;
using Rampart.Core.Service;
using Rampart.Store.Sqlite.Service;

namespace Rampart.Store.Postgres.Tests.Backends;

/// <summary>A database file in a fresh temporary folder.</summary>
public sealed class SqliteBackend : IStoreBackend
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rampart-service-").FullName;
    private readonly List<ServiceDatabase> _opened = [];

    private string DatabasePath => Path.Combine(_folder, "state", "rampart.db");

    public Task<ServiceDatabase> OpenAsync(CancellationToken cancellationToken)
    {
        var db = SqliteServiceDatabase.Open(DatabasePath);
        lock (_opened)
            _opened.Add(db);
        return Task.FromResult(db);
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _opened)
            await db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
