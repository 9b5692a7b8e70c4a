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
        var builder = PgConnectionStrings.Parse(connectionString);
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (PgConnectionStrings.IsUnavailable(e))
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PgConnectionStrings.Unavailable(builder, e);
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
}
