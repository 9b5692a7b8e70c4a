using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>Users, hashed API tokens and role bindings.</summary>
internal sealed class SqliteAccessStore(SqliteConnector db) : IAccessStore
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
                VALUES ($name, $admin, $password, $created, $disabled) RETURNING id;
                """,
                p =>
                {
                    p.AddWithValue("$name", user.Name);
                    p.AddWithValue("$admin", ServiceColumns.Flag(user.IsAdmin));
                    p.AddWithValue("$password", Columns.Nullable(user.PasswordHash));
                    p.AddWithValue("$created", Columns.Timestamp(user.CreatedAt));
                    p.AddWithValue("$disabled", ServiceColumns.Flag(user.Disabled));
                },
                r => r.GetInt64(0),
                cancellationToken).ConfigureAwait(false);
            return user with { Id = rows[0] };
        }
        catch (SqliteException e) when (SqliteConnector.IsUniqueViolation(e))
        {
            throw new ServiceStoreConflictException($"a user named '{user.Name}' exists already", e);
        }
    }

    public async Task UpdateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var changed = await db.ExecuteAsync(
            "UPDATE users SET is_admin = $admin, password_hash = $password, disabled = $disabled WHERE id = $id;",
            p =>
            {
                p.AddWithValue("$id", user.Id);
                p.AddWithValue("$admin", ServiceColumns.Flag(user.IsAdmin));
                p.AddWithValue("$password", Columns.Nullable(user.PasswordHash));
                p.AddWithValue("$disabled", ServiceColumns.Flag(user.Disabled));
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
            throw new KeyNotFoundException($"no user with id {user.Id}");
    }

    public async Task<UserRecord?> GetUserAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectUser + " WHERE id = $id;", p => p.AddWithValue("$id", id), ReadUser, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectUser + " WHERE name = $name;", p => p.AddWithValue("$name", name), ReadUser, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync(SelectUser + " ORDER BY name;", _ => { }, ReadUser, cancellationToken).ConfigureAwait(false);

    public async Task<ApiTokenRecord> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var rows = await db.QueryAsync(
            """
            INSERT INTO api_tokens (user_id, name, hash, prefix, created_at, expires_at, last_used_at, revoked)
            VALUES ($user, $name, $hash, $prefix, $created, $expires, $used, $revoked) RETURNING id;
            """,
            p =>
            {
                p.AddWithValue("$user", token.UserId);
                p.AddWithValue("$name", token.Name);
                p.AddWithValue("$hash", token.Hash);
                p.AddWithValue("$prefix", token.Prefix);
                p.AddWithValue("$created", Columns.Timestamp(token.CreatedAt));
                p.AddWithValue("$expires", Columns.Timestamp(token.ExpiresAt));
                p.AddWithValue("$used", Columns.Timestamp(token.LastUsedAt));
                p.AddWithValue("$revoked", ServiceColumns.Flag(token.Revoked));
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return token with { Id = rows[0] };
    }

    public async Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken) =>
        (await db.QueryAsync(SelectToken + " WHERE hash = $hash;", p => p.AddWithValue("$hash", hash), ReadToken, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<ApiTokenRecord>> ListTokensAsync(long userId, CancellationToken cancellationToken) =>
        await db.QueryAsync(SelectToken + " WHERE user_id = $user ORDER BY id;", p => p.AddWithValue("$user", userId), ReadToken, cancellationToken)
            .ConfigureAwait(false);

    public Task TouchTokenAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "UPDATE api_tokens SET last_used_at = $used WHERE id = $id;",
            p =>
            {
                p.AddWithValue("$id", tokenId);
                p.AddWithValue("$used", Columns.Timestamp(usedAt));
            },
            cancellationToken);

    public async Task<bool> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE api_tokens SET revoked = 1 WHERE id = $id AND user_id = $user;",
            p =>
            {
                p.AddWithValue("$id", tokenId);
                p.AddWithValue("$user", userId);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task SetRoleAsync(RoleBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return db.ExecuteAsync(
            """
            INSERT INTO role_bindings (user_id, repository, role) VALUES ($user, $repository, $role)
            ON CONFLICT (user_id, repository) DO UPDATE SET role = excluded.role;
            """,
            p =>
            {
                p.AddWithValue("$user", binding.UserId);
                p.AddWithValue("$repository", binding.Repository);
                p.AddWithValue("$role", Columns.Name(binding.Role));
            },
            cancellationToken);
    }

    public async Task<bool> RemoveRoleAsync(long userId, string repository, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "DELETE FROM role_bindings WHERE user_id = $user AND repository = $repository;",
            p =>
            {
                p.AddWithValue("$user", userId);
                p.AddWithValue("$repository", repository);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<RoleBinding>> ListRolesAsync(long userId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            "SELECT user_id, repository, role FROM role_bindings WHERE user_id = $user ORDER BY repository;",
            p => p.AddWithValue("$user", userId),
            r => new RoleBinding(r.GetInt64(0), r.GetString(1), Columns.ReadName<Role>(r, 2)),
            cancellationToken).ConfigureAwait(false);

    private static UserRecord ReadUser(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        IsAdmin = ServiceColumns.ReadFlag(r, 2),
        PasswordHash = Columns.ReadNullableString(r, 3),
        CreatedAt = Columns.ReadTimestamp(r, 4),
        Disabled = ServiceColumns.ReadFlag(r, 5),
    };

    private static ApiTokenRecord ReadToken(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        UserId = r.GetInt64(1),
        Name = r.GetString(2),
        Hash = r.GetString(3),
        Prefix = r.GetString(4),
        CreatedAt = Columns.ReadTimestamp(r, 5),
        ExpiresAt = Columns.ReadNullableTimestamp(r, 6),
        LastUsedAt = Columns.ReadNullableTimestamp(r, 7),
        Revoked = ServiceColumns.ReadFlag(r, 8),
    };
}
