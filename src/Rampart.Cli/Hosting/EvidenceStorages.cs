using Rampart.Core.Artifacts;
using Rampart.Core.Signing;
using Rampart.Engine.Artifacts;
using Rampart.Security.Signing.Runs;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Evidence;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Picks where a server keeps artifacts and run attestations from its database setting: with
/// <c>postgres:CONNECTION-STRING</c> in that PostgreSQL (so any replica serves what another stored),
/// otherwise the state folder's <c>artifacts/</c> and <c>attestations/</c>, as <c>rampart run</c> does.
/// </summary>
internal sealed class EvidenceStorages(IArtifactStore artifacts, IAttestationStore attestations, IAsyncDisposable? owned) : IAsyncDisposable
{
    public IArtifactStore Artifacts => artifacts;

    public IAttestationStore Attestations => attestations;

    /// <summary>Where they are, for the start-up line.</summary>
    public string Where => owned is null ? "state folder" : "postgres";

    public static EvidenceStorages Open(string state, string? database)
    {
        if (LedgerStorages.Parse(database, "database") is not { } postgres)
            return new(new FileSystemArtifactStore(StateFolder.ArtifactsPath(state)), new FileAttestationStore(state), null);
        try
        {
            var stores = PostgresEvidenceStores.Open(postgres["postgres:".Length..]);
            return new(stores.Artifacts, stores.Attestations, stores);
        }
        catch (PostgresUnavailableException e)
        {
            throw new UsageException("database: " + e.Message);
        }
    }

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
