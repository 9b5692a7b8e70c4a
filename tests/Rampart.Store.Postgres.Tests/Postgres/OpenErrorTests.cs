using System.Net;
using System.Net.Sockets;
using Npgsql;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Store.Postgres.Tests.Postgres;

/// <summary>Opening fails with one clear line that names where, and never echoes the password.</summary>
public sealed class OpenErrorTests
{
    private const string Password = "hunter2-never-shown";

    [Fact]
    public async Task Open_WhenNothingListens_NamesHostPortAndDatabase_NotThePassword()
    {
        var port = ClosedPort();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PostgresServiceDatabase.OpenAsync(
            $"Host=127.0.0.1;Port={port};Username=rampart;Password={Password};Database=ci_state;Timeout=5",
            TestContext.Current.CancellationToken));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ci_state'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Open_WithAMalformedConnectionString_DoesNotEchoIt()
    {
        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PostgresServiceDatabase.OpenAsync(
            $"Host=127.0.0.1;Password={Password};Colour=blue",
            TestContext.Current.CancellationToken));

        Assert.StartsWith("the PostgreSQL connection string is not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_OfADatabaseThatDoesNotExist_SaysWhich()
    {
        var missing = "rampart_missing_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString()) { Database = missing }.ToString();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            PostgresServiceDatabase.OpenAsync(connectionString, TestContext.Current.CancellationToken));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("3D000", error.Message, StringComparison.Ordinal);
    }

    // A port that was free a moment ago: bound, read, released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
