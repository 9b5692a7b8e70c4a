using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>
/// The service's stores on one SQLite file: the run tables and the service tables live in the same
/// file and the same migration list (<see cref="Schema"/>), so <c>rampart run</c>'s database and a
/// single-machine server's database have one shape.
/// </summary>
public static class SqliteServiceDatabase
{
    public const string Kind = "sqlite";

    public static ServiceDatabase Open(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var db = new SqliteConnector(databasePath);
        return new ServiceDatabase(
            Kind,
            new SqliteRunStore(db.DatabasePath),
            new SqliteJobQueueStore(db),
            new SqliteRepositoryStore(db),
            new SqliteAccessStore(db),
            new SqliteRunnerStore(db),
            new SqliteDeliveryStore(db),
            new SqliteRunTriggerStore(db),
            new SqliteLogStore(db))
        {
            Deployments = new SqliteDeploymentStore(db),
        };
    }
}
