using Rampart.Store.Postgres.Tests.Backends;
using Rampart.Store.Postgres.Tests.Contracts;

namespace Rampart.Store.Postgres.Tests.Sqlite;

public sealed class DeploymentOnSqlite : DeploymentContract
{
    protected override Task<IStoreBackend> CreateBackendAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IStoreBackend>(new SqliteBackend());
}
