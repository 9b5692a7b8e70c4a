using Rampart.Core.Artifacts;
using Rampart.Store.Postgres.Evidence;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Store.Postgres.Tests.Artifacts;

/// <summary>The service's PostgreSQL, each replica with its own pool of connections.</summary>
public sealed class ArtifactsOnPostgres : ArtifactStoreContract
{
    private readonly List<PostgresEvidenceStores> _opened = [];

    internal PostgresBackend? Backend { get; private set; }

    protected override async Task CreateAsync(CancellationToken cancellationToken)
    {
        Backend = (PostgresBackend)await PostgresBackend.CreateAsync(cancellationToken);
        await (await Backend.OpenAsync(cancellationToken)).DisposeAsync(); // migrates the schema
    }

    protected override IArtifactStore OpenReplica()
    {
        var stores = PostgresEvidenceStores.Open(Backend!.ConnectionString);
        _opened.Add(stores);
        return stores.Artifacts;
    }

    /// <summary>Complete copies are named blobs; leftovers are chunks of no named blob.</summary>
    protected override async Task<(long Blobs, long Leftovers)> CountAsync() =>
        (await Backend!.ScalarAsync("SELECT COUNT(*) FROM artifact_blobs", Ct),
         await Backend.ScalarAsync("SELECT COUNT(*) FROM artifact_chunks c WHERE NOT EXISTS (SELECT 1 FROM artifact_blobs b WHERE b.upload = c.upload)", Ct));

    public override async ValueTask DisposeAsync()
    {
        foreach (var stores in _opened)
            await stores.DisposeAsync();
        if (Backend is not null)
            await Backend.DisposeAsync();
    }
}
