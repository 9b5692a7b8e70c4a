using System.Collections.Concurrent;
using Rampart.Core.Service;

namespace Rampart.Server.Tests.Fakes;

/// <summary>The repository store's contract in memory (the SQLite store lives on another branch).</summary>
public sealed class InMemoryRepositoryStore : IRepositoryStore
{
    private readonly ConcurrentDictionary<string, RepositoryRecord> _byName = new(StringComparer.Ordinal);
    private long _nextId;

    public Task<RepositoryRecord> AddRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken)
    {
        var added = repository with { Id = Interlocked.Increment(ref _nextId) };
        if (!_byName.TryAdd(repository.Name, added))
            throw new ServiceStoreConflictException($"repository {repository.Name} exists");
        return Task.FromResult(added);
    }

    public Task UpdateRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken)
    {
        _byName[repository.Name] = repository;
        return Task.CompletedTask;
    }

    public Task<RepositoryRecord?> GetRepositoryAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(_byName.Values.FirstOrDefault(r => r.Id == id));

    public Task<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_byName.GetValueOrDefault(name));

    public Task<IReadOnlyList<RepositoryRecord>> ListRepositoriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RepositoryRecord>>([.. _byName.Values.OrderBy(r => r.Name, StringComparer.Ordinal)]);
}
