using System.Net.Sockets;
using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>
/// The service's stores on PostgreSQL, for one or several server replicas sharing one database.
/// Opening checks the connection and applies missing migrations (<see cref="PostgresSchema"/>).
/// </summary>
public static class PostgresServiceDatabase
{
    public const string Kind = "postgres";

    /// <summary>Throws <see cref="PostgresUnavailableException"/> with one clear line when the database cannot be used.</summary>
    public static async Task<ServiceDatabase> OpenAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The connection string may hold a password: the message names only what is wrong with it.
            throw new PostgresUnavailableException($"the PostgreSQL connection string is not valid: {e.Message}");
        }

        // Names the replicas' sessions in pg_stat_activity, unless the operator chose a name.
        builder.ApplicationName ??= "rampart";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new PostgresUnavailableException(
                $"cannot use PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database ?? builder.Username}' as user '{builder.Username}': {OneLine(e)}",
                e);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var db = new PgConnector(dataSource);
        return new ServiceDatabase(
            Kind,
            new PostgresRunStore(db),
            new PostgresJobQueueStore(db),
            new PostgresRepositoryStore(db),
            new PostgresAccessStore(db),
            new PostgresRunnerStore(db),
            new PostgresDeliveryStore(db),
            new PostgresRunTriggerStore(db),
            new PostgresLogStore(db),
            dataSource)
        {
            Deployments = new PostgresDeploymentStore(db),
            Replicas = new PostgresReplicaSignals(dataSource),
        };
    }

    private static string OneLine(Exception e)
    {
        var message = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : (e.InnerException ?? e).Message;
        return message.ReplaceLineEndings(" ");
    }
}
