using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Backends;

/// <summary>One fresh, empty database of one kind, deleted on dispose with everything opened on it.</summary>
public interface IStoreBackend : IAsyncDisposable
{
    /// <summary>Opens the database again, as another replica or process would: its own connections.</summary>
    Task<ServiceDatabase> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs one statement directly on the database, bypassing the stores.</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs one scalar query directly on the database, bypassing the stores.</summary>
    Task<long> ScalarAsync(string sql, CancellationToken cancellationToken);
}
