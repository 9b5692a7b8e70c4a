using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>Run triggers and the replicas' leases on runs. Each lease change is one conditional UPDATE, atomic under SQLite's write lock.</summary>
internal sealed class PostgresRunTriggerStore(PgConnector db) : IRunTriggerStore
{
    public Task SaveTriggerAsync(RunTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return db.ExecuteAsync(
            """
            INSERT INTO run_triggers (run_id, repository_id, commit_sha, ref, event, trusted, actor, delivery_id)
            VALUES (@run, @repository, @commit, @ref, @event, @trusted, @actor, @delivery)
            ON CONFLICT (run_id) DO UPDATE SET repository_id = excluded.repository_id, commit_sha = excluded.commit_sha,
                ref = excluded.ref, event = excluded.event, trusted = excluded.trusted, actor = excluded.actor,
                delivery_id = excluded.delivery_id;
            """,
            p =>
            {
                p.Value("run", trigger.RunId);
                p.Value("repository", trigger.RepositoryId);
                p.Value("commit", trigger.Commit);
                p.Value("ref", trigger.Ref);
                p.Value("event", trigger.Event);
                p.Bool("trusted", trigger.Trusted);
                p.Text("actor", trigger.Actor);
                p.Text("delivery", trigger.DeliveryId);
            },
            cancellationToken);
    }

    public async Task<RunTrigger?> GetTriggerAsync(long runId, CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            "SELECT run_id, repository_id, commit_sha, ref, event, trusted, actor, delivery_id FROM run_triggers WHERE run_id = @run;",
            p => p.Value("run", runId),
            Read,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> TryLeaseRunAsync(long runId, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await db.ExecuteAsync(
            """
            UPDATE run_triggers SET lease_owner = @owner, lease_expires_at = @expires
            WHERE run_id = @run AND (lease_owner IS NULL OR lease_owner = @owner OR lease_expires_at <= @now);
            """,
            p =>
            {
                p.Value("run", runId);
                p.Value("owner", owner);
                p.Time("now", now);
                p.Time("expires", now + lease);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task ReleaseRunAsync(long runId, string owner, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "UPDATE run_triggers SET lease_owner = NULL, lease_expires_at = NULL, released = true WHERE run_id = @run AND lease_owner = @owner;",
            p =>
            {
                p.Value("run", runId);
                p.Value("owner", owner);
            },
            cancellationToken);

    // Not finished: neither released by its owner nor in a final state in the runs table.
    public async Task<IReadOnlyList<long>> ListOrphanRunsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await db.QueryAsync(
            """
            SELECT t.run_id FROM run_triggers t JOIN runs r ON r.id = t.run_id
            WHERE t.released = false AND r.status IN ('Pending', 'Running')
              AND (t.lease_owner IS NULL OR t.lease_expires_at <= @now)
            ORDER BY t.run_id LIMIT @limit;
            """,
            p =>
            {
                p.Time("now", now);
                p.Value("limit", limit);
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
    }

    private static RunTrigger Read(NpgsqlDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        RepositoryId = r.GetInt64(1),
        Commit = r.GetString(2),
        Ref = r.GetString(3),
        Event = r.GetString(4),
        Trusted = r.GetBoolean(5),
        Actor = PgColumns.ReadNullableString(r, 6),
        DeliveryId = PgColumns.ReadNullableString(r, 7),
    };
}
