namespace Rampart.Core.Service;

/// <summary>Users, their API tokens (hashed) and their roles per repository.</summary>
public interface IAccessStore
{
    /// <summary>Throws <see cref="ServiceStoreConflictException"/> when the name is taken.</summary>
    Task<UserRecord> CreateUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Replaces admin flag, password hash and disabled flag of the user with that id.</summary>
    Task UpdateUserAsync(UserRecord user, CancellationToken cancellationToken);

    Task<UserRecord?> GetUserAsync(long id, CancellationToken cancellationToken);

    Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);

    Task<ApiTokenRecord> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    /// <summary>The token with that hash, revoked or not (the caller checks), or null.</summary>
    Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(long userId, CancellationToken cancellationToken);

    Task TouchTokenAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>False when no token of that user has that id.</summary>
    Task<bool> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken);

    /// <summary>Sets the user's role on the repository (or <c>*</c>), replacing any role it had there.</summary>
    Task SetRoleAsync(RoleBinding binding, CancellationToken cancellationToken);

    /// <summary>False when the user had no role there.</summary>
    Task<bool> RemoveRoleAsync(long userId, string repository, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleBinding>> ListRolesAsync(long userId, CancellationToken cancellationToken);
}
