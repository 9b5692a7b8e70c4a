using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite.Tests;

/// <summary>A database path in a fresh temporary folder, deleted (with pooled connections closed) on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("rampart-store-").FullName;
        Path = System.IO.Path.Combine(Folder, "state", "rampart.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public SqliteRunStore Open() => new(Path);

    /// <summary>Runs one scalar query on the file directly, bypassing the store.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
