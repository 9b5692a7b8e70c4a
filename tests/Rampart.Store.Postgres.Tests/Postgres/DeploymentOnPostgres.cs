using Rampart.Store.Postgres.Tests.Backends;
using Rampart.Store.Postgres.Tests.Contracts;

namespace Rampart.Store.Postgres.Tests.Postgres;

public sealed class DeploymentOnPostgres : DeploymentContract
{
    protected override Task<IStoreBackend> CreateBackendAsync(CancellationToken cancellationToken) =>
        PostgresBackend.CreateAsync(cancellationToken);
}
