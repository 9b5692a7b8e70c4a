using Rampart.Core.Service;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>
/// Base of the contract tests: every test gets a fresh database of the backend the concrete class
/// names, so SQLite and PostgreSQL run exactly the same assertions.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    protected IStoreBackend Backend { get; private set; } = null!;

    protected ServiceDatabase Db { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Backend = await CreateBackendAsync(Ct);
        Db = await Backend.OpenAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Backend is not null)
            await Backend.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<IStoreBackend> CreateBackendAsync(CancellationToken cancellationToken);
}
