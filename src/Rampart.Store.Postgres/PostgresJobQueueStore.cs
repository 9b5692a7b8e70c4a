using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>
/// The job queue shared by every replica. A claim locks the chosen row with
/// <c>FOR UPDATE SKIP LOCKED</c> and updates it in the same statement: concurrent claimers skip
/// each other's rows instead of waiting, and a row that another claim changed first fails the
/// re-check of <c>state = 'Queued'</c>, so no job is handed out twice.
/// </summary>
internal sealed class PostgresJobQueueStore(PgConnector db) : IJobQueueStore
{
    // Fits: the job's labels are contained in the runner's. Fewest running jobs of the same
    // repository first (counted once per claim, not once per candidate), then oldest.
    private const string ClaimSql = $"""
        WITH running AS (
            SELECT repository, count(*) AS n FROM queue_jobs WHERE state = 'Running' GROUP BY repository)
        UPDATE queue_jobs SET state = 'Running', runner_id = @runner, attempt = attempt + 1,
            claimed_at = @now, lease_expires_at = @lease
        WHERE id = (
            SELECT q.id FROM queue_jobs q LEFT JOIN running r ON r.repository = q.repository
            WHERE q.state = 'Queued' AND q.labels <@ @labels
            ORDER BY COALESCE(r.n, 0), q.enqueued_at, q.id
            LIMIT 1
            FOR UPDATE OF q SKIP LOCKED)
        RETURNING {PgQueueRows.Columns};
        """;

    // Safe from every replica at once: each expired row is locked by one reaper, the others skip it,
    // and a row reaped meanwhile no longer matches state = 'Running'.
    private const string ReapSql = $"""
        UPDATE queue_jobs SET
            state = CASE WHEN attempt < max_attempts THEN 'Queued' ELSE 'Failed' END,
            finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE @now END,
            result = CASE WHEN attempt < max_attempts THEN result
                ELSE 'runner ' || runner_id || ' stopped renewing its lease (attempt ' || attempt || ' of ' || max_attempts || ')' END,
            runner_id = CASE WHEN attempt < max_attempts THEN NULL ELSE runner_id END,
            claimed_at = CASE WHEN attempt < max_attempts THEN NULL ELSE claimed_at END,
            lease_expires_at = NULL
        WHERE id IN (
            SELECT id FROM queue_jobs WHERE state = 'Running' AND lease_expires_at <= @now
            FOR UPDATE SKIP LOCKED)
        RETURNING {PgQueueRows.Columns};
        """;

    public async Task<QueuedJob> EnqueueAsync(QueuedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rows = await db.QueryAsync(
            $"""
            INSERT INTO queue_jobs (run_id, job, repository, labels, payload, state, attempt, max_attempts, enqueued_at)
            VALUES (@run, @job, @repository, @labels, @payload, 'Queued', 0, @max, @enqueued)
            RETURNING {PgQueueRows.Columns};
            """,
            p =>
            {
                p.Long("run", job.RunId);
                p.Text("job", job.Job);
                p.Text("repository", job.Repository);
                p.List("labels", job.Labels);
                p.Text("payload", job.Payload);
                p.Int("max", Math.Max(1, job.MaxAttempts));
                p.Time("enqueued", job.EnqueuedAt);
            },
            PgQueueRows.Read,
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    public async Task<QueuedJob?> ClaimAsync(string runnerId, IReadOnlyCollection<string> runnerLabels, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        ArgumentNullException.ThrowIfNull(runnerLabels);
        var rows = await db.QueryAsync(
            ClaimSql,
            p =>
            {
                p.Text("runner", runnerId);
                p.List("labels", runnerLabels);
                p.Time("now", now);
                p.Time("lease", now + lease);
            },
            PgQueueRows.Read,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> RenewAsync(long jobId, string runnerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE queue_jobs SET lease_expires_at = @lease WHERE id = @id AND runner_id = @runner AND state = 'Running';",
            p =>
            {
                p.Long("id", jobId);
                p.Text("runner", runnerId);
                p.Time("lease", leaseExpiresAt);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> CompleteAsync(long jobId, string runnerId, QueueState state, string result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        QueueStates.ThrowUnlessFinal(state);
        return await db.ExecuteAsync(
            """
            UPDATE queue_jobs SET state = @state, result = @result, finished_at = @now, lease_expires_at = NULL
            WHERE id = @id AND runner_id = @runner AND state = 'Running';
            """,
            p =>
            {
                p.Long("id", jobId);
                p.Text("runner", runnerId);
                p.Name("state", state);
                p.Text("result", result);
                p.Time("now", now);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<QueuedJob>> ReapExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.QueryAsync(ReapSql, p => p.Time("now", now), PgQueueRows.Read, cancellationToken).ConfigureAwait(false);

    public Task<int> CancelRunAsync(long runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            """
            UPDATE queue_jobs SET state = 'Cancelled', result = @reason, finished_at = @now, lease_expires_at = NULL
            WHERE run_id = @run AND state IN ('Queued', 'Running');
            """,
            p =>
            {
                p.Long("run", runId);
                p.Text("reason", reason);
                p.Time("now", now);
            },
            cancellationToken);

    public async Task<QueuedJob?> GetAsync(long jobId, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {PgQueueRows.Columns} FROM queue_jobs WHERE id = @id;", p => p.Long("id", jobId), PgQueueRows.Read, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<QueuedJob?> FindAsync(long runId, string job, CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            $"SELECT {PgQueueRows.Columns} FROM queue_jobs WHERE run_id = @run AND job = @job ORDER BY id DESC LIMIT 1;",
            p =>
            {
                p.Long("run", runId);
                p.Text("job", job);
            },
            PgQueueRows.Read,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<QueueCounts> CountAsync(CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            "SELECT count(*) FILTER (WHERE state = 'Queued'), count(*) FILTER (WHERE state = 'Running') FROM queue_jobs;",
            _ => { },
            r => new QueueCounts(r.GetInt64(0), r.GetInt64(1)),
            cancellationToken).ConfigureAwait(false))[0];
}
