using Npgsql;

namespace Rampart.Store.Postgres.Evidence;

/// <summary>
/// The artifact store and the attestation store of a server whose database is PostgreSQL, on one
/// pool of connections. The tables come with the service schema (<see cref="PostgresServiceDatabase"/>
/// migrates it before this is opened).
/// </summary>
public sealed class PostgresEvidenceStores : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresEvidenceStores(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        Artifacts = new PostgresArtifactStore(dataSource);
        Attestations = new PostgresAttestationStore(dataSource);
    }

    public PostgresArtifactStore Artifacts { get; }

    public PostgresAttestationStore Attestations { get; }

    /// <summary>Throws <see cref="PostgresUnavailableException"/> when the connection string is not valid.</summary>
    public static PostgresEvidenceStores Open(string connectionString) =>
        new(NpgsqlDataSource.Create(PgConnectionStrings.Parse(connectionString)));

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
