namespace Rampart.Core.Service;

/// <summary>Registered repositories. Names are unique.</summary>
public interface IRepositoryStore
{
    /// <summary>Registers a repository; throws <see cref="ServiceStoreConflictException"/> when the name is taken.</summary>
    Task<RepositoryRecord> AddRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken);

    /// <summary>Replaces clone URL, default branch, protected branches and polling of the repository with that id.</summary>
    Task UpdateRepositoryAsync(RepositoryRecord repository, CancellationToken cancellationToken);

    Task<RepositoryRecord?> GetRepositoryAsync(long id, CancellationToken cancellationToken);

    Task<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken);

    /// <summary>All repositories, by name.</summary>
    Task<IReadOnlyList<RepositoryRecord>> ListRepositoriesAsync(CancellationToken cancellationToken);
}
