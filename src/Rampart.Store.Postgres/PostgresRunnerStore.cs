using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

internal sealed class PostgresRunnerStore(PgConnector db) : IRunnerStore
{
    private const string Select =
        "SELECT id, name, labels, credential_hash, ephemeral, registered_at, last_seen_at, removed FROM runners";

    public Task AddRegistrationTokenAsync(RegistrationTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return db.ExecuteAsync(
            "INSERT INTO registration_tokens (hash, created_at, expires_at, used_at) VALUES (@hash, @created, @expires, @used);",
            p =>
            {
                p.Value("hash", token.Hash);
                p.Time("created", token.CreatedAt);
                p.Time("expires", token.ExpiresAt);
                p.Time("used", token.UsedAt);
            },
            cancellationToken);
    }

    // One conditional UPDATE: of two racing registrations only one changes the row.
    public async Task<bool> ConsumeRegistrationTokenAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE registration_tokens SET used_at = @now WHERE hash = @hash AND used_at IS NULL AND expires_at > @now;",
            p =>
            {
                p.Value("hash", hash);
                p.Time("now", now);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<RunnerRecord> AddRunnerAsync(RunnerRecord runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var rows = await db.QueryAsync(
            """
            INSERT INTO runners (name, labels, credential_hash, ephemeral, registered_at, last_seen_at, removed)
            VALUES (@name, @labels, @hash, @ephemeral, @registered, @seen, @removed) RETURNING id;
            """,
            p =>
            {
                p.Value("name", runner.Name);
                p.List("labels", runner.Labels);
                p.Value("hash", runner.CredentialHash);
                p.Bool("ephemeral", runner.Ephemeral);
                p.Time("registered", runner.RegisteredAt);
                p.Time("seen", runner.LastSeenAt);
                p.Bool("removed", runner.Removed);
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return runner with { Id = rows[0] };
    }

    public async Task<RunnerRecord?> FindRunnerAsync(string credentialHash, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE credential_hash = @hash AND removed = false;", p => p.Value("hash", credentialHash), Read, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<RunnerRecord?> GetRunnerAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE id = @id;", p => p.Value("id", id), Read, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<RunnerRecord>> ListRunnersAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync(Select + " WHERE removed = false ORDER BY name COLLATE \"C\", id;", _ => { }, Read, cancellationToken).ConfigureAwait(false);

    public Task TouchRunnerAsync(long id, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "UPDATE runners SET last_seen_at = @seen WHERE id = @id;",
            p =>
            {
                p.Value("id", id);
                p.Time("seen", seenAt);
            },
            cancellationToken);

    public async Task<bool> RemoveRunnerAsync(long id, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("UPDATE runners SET removed = true WHERE id = @id;", p => p.Value("id", id), cancellationToken)
            .ConfigureAwait(false) == 1;

    private static RunnerRecord Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        Labels = PgColumns.ReadList(r, 2),
        CredentialHash = r.GetString(3),
        Ephemeral = r.GetBoolean(4),
        RegisteredAt = PgColumns.ReadTime(r, 5),
        LastSeenAt = PgColumns.ReadNullableTime(r, 6),
        Removed = r.GetBoolean(7),
    };
}
