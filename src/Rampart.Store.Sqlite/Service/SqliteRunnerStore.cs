using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

internal sealed class SqliteRunnerStore(SqliteConnector db) : IRunnerStore
{
    private const string Select =
        "SELECT id, name, labels, credential_hash, ephemeral, registered_at, last_seen_at, removed FROM runners";

    public Task AddRegistrationTokenAsync(RegistrationTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return db.ExecuteAsync(
            "INSERT INTO registration_tokens (hash, created_at, expires_at, used_at) VALUES ($hash, $created, $expires, $used);",
            p =>
            {
                p.AddWithValue("$hash", token.Hash);
                p.AddWithValue("$created", Columns.Timestamp(token.CreatedAt));
                p.AddWithValue("$expires", Columns.Timestamp(token.ExpiresAt));
                p.AddWithValue("$used", Columns.Timestamp(token.UsedAt));
            },
            cancellationToken);
    }

    // One conditional UPDATE: of two racing registrations only one changes the row.
    public async Task<bool> ConsumeRegistrationTokenAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE registration_tokens SET used_at = $now WHERE hash = $hash AND used_at IS NULL AND expires_at > $now;",
            p =>
            {
                p.AddWithValue("$hash", hash);
                p.AddWithValue("$now", Columns.Timestamp(now));
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<RunnerRecord> AddRunnerAsync(RunnerRecord runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var rows = await db.QueryAsync(
            """
            INSERT INTO runners (name, labels, credential_hash, ephemeral, registered_at, last_seen_at, removed)
            VALUES ($name, $labels, $hash, $ephemeral, $registered, $seen, $removed) RETURNING id;
            """,
            p =>
            {
                p.AddWithValue("$name", runner.Name);
                p.AddWithValue("$labels", ServiceColumns.List(runner.Labels));
                p.AddWithValue("$hash", runner.CredentialHash);
                p.AddWithValue("$ephemeral", ServiceColumns.Flag(runner.Ephemeral));
                p.AddWithValue("$registered", Columns.Timestamp(runner.RegisteredAt));
                p.AddWithValue("$seen", Columns.Timestamp(runner.LastSeenAt));
                p.AddWithValue("$removed", ServiceColumns.Flag(runner.Removed));
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return runner with { Id = rows[0] };
    }

    public async Task<RunnerRecord?> FindRunnerAsync(string credentialHash, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE credential_hash = $hash AND removed = 0;", p => p.AddWithValue("$hash", credentialHash), Read, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<RunnerRecord?> GetRunnerAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync(Select + " WHERE id = $id;", p => p.AddWithValue("$id", id), Read, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<RunnerRecord>> ListRunnersAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync(Select + " WHERE removed = 0 ORDER BY name, id;", _ => { }, Read, cancellationToken).ConfigureAwait(false);

    public Task TouchRunnerAsync(long id, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "UPDATE runners SET last_seen_at = $seen WHERE id = $id;",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$seen", Columns.Timestamp(seenAt));
            },
            cancellationToken);

    public async Task<bool> RemoveRunnerAsync(long id, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("UPDATE runners SET removed = 1 WHERE id = $id;", p => p.AddWithValue("$id", id), cancellationToken)
            .ConfigureAwait(false) == 1;

    private static RunnerRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        Labels = ServiceColumns.ReadList(r, 2),
        CredentialHash = r.GetString(3),
        Ephemeral = ServiceColumns.ReadFlag(r, 4),
        RegisteredAt = Columns.ReadTimestamp(r, 5),
        LastSeenAt = Columns.ReadNullableTimestamp(r, 6),
        Removed = ServiceColumns.ReadFlag(r, 7),
    };
}
