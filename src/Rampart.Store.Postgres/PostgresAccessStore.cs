using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>Users, hashed API tokens and role bindings.</summary>
internal sealed class PostgresAccessStore(PgConnector db) : IAccessStore
{
    private const string SelectUser = "SELECT id, name, is_admin, password_hash, created_at, disabled FROM users";

    private const string SelectToken =
        "SELECT id, user_id, name, hash, prefix, created_at, expires_at, last_used_at, revoked FROM api_tokens";

    public async Task<UserRecord> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            var rows = await db.QueryAsync(
                """
                INSERT INTO users (name, is_admin, password_hash, created_at, disabled)
                VALUES (@name, @admin, @password, @created, @disabled) RETURNING id;
                """,
                p =>
                {
                    p.Value("name", user.Name);
                    p.Bool("admin", user.IsAdmin);
                    p.Text("password", user.PasswordHash);
                    p.Time("created", user.CreatedAt);
                    p.Bool("disabled", user.Disabled);
                },
                r => r.GetInt64(0),
                cancellationToken).ConfigureAwait(false);
            return user with { Id = rows[0] };
        }
        catch (PostgresException e) when (PgConnector.IsUniqueViolation(e))
        {
            throw new ServiceStoreConflictException($"a user named '{user.Name}' exists already", e);
        }
    }

    public async Task UpdateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var changed = await db.ExecuteAsync(
            "UPDATE users SET is_admin = @admin, password_hash = @password, disabled = @disabled WHERE id = @id;",
            p =>
            {
                p.Value("id", user.Id);
                p.Bool("admin", user.IsAdmin);
                p.Text("password", user.PasswordHash);
                p.Bool("disabled", user.Disabled);
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
            throw new KeyNotFoundException($"no user with id {user.Id}");
    }

    public async Task<UserRecord?> GetUserAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectUser + " WHERE id = @id;", p => p.Value("id", id), ReadUser, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectUser + " WHERE name = @name;", p => p.Value("name", name), ReadUser, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync(SelectUser + " ORDER BY name COLLATE \"C\";", _ => { }, ReadUser, cancellationToken).ConfigureAwait(false);

    public async Task<ApiTokenRecord> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var rows = await db.QueryAsync(
            """
            INSERT INTO api_tokens (user_id, name, hash, prefix, created_at, expires_at, last_used_at, revoked)
            VALUES (@user, @name, @hash, @prefix, @created, @expires, @used, @revoked) RETURNING id;
            """,
            p =>
            {
                p.Value("user", token.UserId);
                p.Value("name", token.Name);
                p.Value("hash", token.Hash);
                p.Value("prefix", token.Prefix);
                p.Time("created", token.CreatedAt);
                p.Time("expires", token.ExpiresAt);
                p.Time("used", token.LastUsedAt);
                p.Bool("revoked", token.Revoked);
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return token with { Id = rows[0] };
    }

    public async Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectToken + " WHERE hash = @hash;", p => p.Value("hash", hash), ReadToken, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(long userId, CancellationToken cancellationToken) =>
        await db.QueryAsync(SelectToken + " WHERE user_id = @user ORDER BY id;", p => p.Value("user", userId), ReadToken, cancellationToken)
            .ConfigureAwait(false);

    public Task TouchTokenAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "UPDATE api_tokens SET last_used_at = @used WHERE id = @id;",
            p =>
            {
                p.Value("id", tokenId);
                p.Time("used", usedAt);
            },
            cancellationToken);

    public async Task<bool> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE api_tokens SET revoked = true WHERE id = @id AND user_id = @user;",
            p =>
            {
                p.Value("id", tokenId);
                p.Value("user", userId);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task SetRoleAsync(RoleBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return db.ExecuteAsync(
            """
            INSERT INTO role_bindings (user_id, repository, role) VALUES (@user, @repository, @role)
            ON CONFLICT (user_id, repository) DO UPDATE SET role = excluded.role;
            """,
            p =>
            {
                p.Value("user", binding.UserId);
                p.Value("repository", binding.Repository);
                p.Name("role", binding.Role);
            },
            cancellationToken);
    }

    public async Task<bool> RemoveRoleAsync(long userId, string repository, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "DELETE FROM role_bindings WHERE user_id = @user AND repository = @repository;",
            p =>
            {
                p.Value("user", userId);
                p.Value("repository", repository);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<RoleBinding>> ListRolesAsync(long userId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            "SELECT user_id, repository, role FROM role_bindings WHERE user_id = @user ORDER BY repository COLLATE \"C\";",
            p => p.Value("user", userId),
            r => new RoleBinding(r.GetInt64(0), r.GetString(1), PgColumns.ReadName<Role>(r, 2)),
            cancellationToken).ConfigureAwait(false);

    private static UserRecord ReadUser(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        IsAdmin = r.GetBoolean(2),
        PasswordHash = PgColumns.ReadNullableString(r, 3),
        CreatedAt = PgColumns.ReadTime(r, 4),
        Disabled = r.GetBoolean(5),
    };

    private static ApiTokenRecord ReadToken(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        UserId = r.GetInt64(1),
        Name = r.GetString(2),
        Hash = r.GetString(3),
        Prefix = r.GetString(4),
        CreatedAt = PgColumns.ReadTime(r, 5),
        ExpiresAt = PgColumns.ReadNullableTime(r, 6),
        LastUsedAt = PgColumns.ReadNullableTime(r, 7),
        Revoked = r.GetBoolean(8),
    };
}
