using Rampart.Core.Service;

namespace Rampart.Server.Tests.Access;

/// <summary>An <see cref="IAccessStore"/> in memory, for tests only (the real stores are SQLite and PostgreSQL).</summary>
internal sealed class InMemoryAccessStore : IAccessStore
{
    private readonly Lock _gate = new();
    private readonly List<UserRecord> _users = [];
    private readonly List<ApiTokenRecord> _tokens = [];
    private readonly List<RoleBinding> _roles = [];

    public int Touches { get; private set; }

    public Task<UserRecord> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_users.Any(u => u.Name == user.Name))
                throw new ServiceStoreConflictException($"user '{user.Name}' exists");
            var stored = user with { Id = _users.Count + 1 };
            _users.Add(stored);
            return Task.FromResult(stored);
        }
    }

    public Task UpdateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _users.FindIndex(u => u.Id == user.Id);
            _users[index] = _users[index] with { IsAdmin = user.IsAdmin, PasswordHash = user.PasswordHash, Disabled = user.Disabled };
            return Task.CompletedTask;
        }
    }

    public Task<UserRecord?> GetUserAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_users.FirstOrDefault(u => u.Id == id));
    }

    public Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_users.FirstOrDefault(u => u.Name == name));
    }

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<UserRecord>>([.. _users]);
    }

    public Task<ApiTokenRecord> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = token with { Id = _tokens.Count + 1 };
            _tokens.Add(stored);
            return Task.FromResult(stored);
        }
    }

    public Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_tokens.FirstOrDefault(t => t.Hash == hash));
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(long userId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ApiTokenRecord>>([.. _tokens.Where(t => t.UserId == userId)]);
    }

    public Task TouchTokenAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Touches++;
            var index = _tokens.FindIndex(t => t.Id == tokenId);
            _tokens[index] = _tokens[index] with { LastUsedAt = usedAt };
            return Task.CompletedTask;
        }
    }

    public Task<bool> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _tokens.FindIndex(t => t.Id == tokenId && t.UserId == userId);
            if (index < 0)
                return Task.FromResult(false);
            _tokens[index] = _tokens[index] with { Revoked = true };
            return Task.FromResult(true);
        }
    }

    public Task SetRoleAsync(RoleBinding binding, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _roles.RemoveAll(r => r.UserId == binding.UserId && r.Repository == binding.Repository);
            _roles.Add(binding);
            return Task.CompletedTask;
        }
    }

    public Task<bool> RemoveRoleAsync(long userId, string repository, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_roles.RemoveAll(r => r.UserId == userId && r.Repository == repository) > 0);
    }

    public Task<IReadOnlyList<RoleBinding>> ListRolesAsync(long userId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<RoleBinding>>([.. _roles.Where(r => r.UserId == userId)]);
    }

    /// <summary>Every stored value as text, to show a token never lands in the store in clear.</summary>
    public string Dump()
    {
        lock (_gate)
            return string.Join('\n', _users.Select(u => u.ToString()).Concat(_tokens.Select(t => t.ToString())));
    }
}
