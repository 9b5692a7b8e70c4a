using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>
/// The job queue in SQLite. Claims and reaping run in a <c>BEGIN IMMEDIATE</c> transaction: SQLite's
/// single write lock makes them atomic across every process sharing the file.
/// </summary>
internal sealed class SqliteJobQueueStore(SqliteConnector db) : IJobQueueStore
{
    // A queued job fits when none of its labels is missing from the runner's; fewest running jobs of
    // the same repository first (counted once per claim), then oldest.
    private const string ClaimSql = $"""
        UPDATE queue_jobs SET state = 'Running', runner_id = $runner, attempt = attempt + 1,
            claimed_at = $now, lease_expires_at = $lease
        WHERE id = (
            WITH running AS (
                SELECT repository, COUNT(*) AS n FROM queue_jobs WHERE state = 'Running' GROUP BY repository)
            SELECT q.id FROM queue_jobs q LEFT JOIN running r ON r.repository = q.repository
            WHERE q.state = 'Queued'
              AND NOT EXISTS (SELECT 1 FROM json_each(q.labels) l WHERE l.value NOT IN (SELECT value FROM json_each($labels)))
            ORDER BY COALESCE(r.n, 0), q.enqueued_at, q.id
            LIMIT 1)
        RETURNING {QueueRows.Columns};
        """;

    private const string ReapSql = $"""
        UPDATE queue_jobs SET
            state = CASE WHEN attempt < max_attempts THEN 'Queued' ELSE 'Failed' END,
            finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE $now END,
            result = CASE WHEN attempt < max_attempts THEN result
                ELSE 'runner ' || runner_id || ' stopped renewing its lease (attempt ' || attempt || ' of ' || max_attempts || ')' END,
            runner_id = CASE WHEN attempt < max_attempts THEN NULL ELSE runner_id END,
            claimed_at = CASE WHEN attempt < max_attempts THEN NULL ELSE claimed_at END,
            lease_expires_at = NULL
        WHERE state = 'Running' AND lease_expires_at <= $now
        RETURNING {QueueRows.Columns};
        """;

    public async Task<QueuedJob> EnqueueAsync(QueuedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rows = await db.QueryAsync(
            $"""
            INSERT INTO queue_jobs (run_id, job, repository, labels, payload, state, attempt, max_attempts, enqueued_at)
            VALUES ($run, $job, $repository, $labels, $payload, 'Queued', 0, $max, $enqueued)
            RETURNING {QueueRows.Columns};
            """,
            p =>
            {
                p.AddWithValue("$run", job.RunId);
                p.AddWithValue("$job", job.Job);
                p.AddWithValue("$repository", job.Repository);
                p.AddWithValue("$labels", ServiceColumns.List(job.Labels));
                p.AddWithValue("$payload", job.Payload);
                p.AddWithValue("$max", Math.Max(1, job.MaxAttempts));
                p.AddWithValue("$enqueued", Columns.Timestamp(job.EnqueuedAt));
            },
            QueueRows.Read,
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    public async Task<QueuedJob?> ClaimAsync(string runnerId, IReadOnlyCollection<string> runnerLabels, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        ArgumentNullException.ThrowIfNull(runnerLabels);
        var rows = await WriteAsync(ClaimSql, p =>
        {
            p.AddWithValue("$runner", runnerId);
            p.AddWithValue("$labels", ServiceColumns.List([.. runnerLabels]));
            p.AddWithValue("$now", Columns.Timestamp(now));
            p.AddWithValue("$lease", Columns.Timestamp(now + lease));
        }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> RenewAsync(long jobId, string runnerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE queue_jobs SET lease_expires_at = $lease WHERE id = $id AND runner_id = $runner AND state = 'Running';",
            p =>
            {
                p.AddWithValue("$id", jobId);
                p.AddWithValue("$runner", runnerId);
                p.AddWithValue("$lease", Columns.Timestamp(leaseExpiresAt));
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> CompleteAsync(long jobId, string runnerId, QueueState state, string result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        QueueStates.ThrowUnlessFinal(state);
        return await db.ExecuteAsync(
            """
            UPDATE queue_jobs SET state = $state, result = $result, finished_at = $now, lease_expires_at = NULL
            WHERE id = $id AND runner_id = $runner AND state = 'Running';
            """,
            p =>
            {
                p.AddWithValue("$id", jobId);
                p.AddWithValue("$runner", runnerId);
                p.AddWithValue("$state", Columns.Name(state));
                p.AddWithValue("$result", result);
                p.AddWithValue("$now", Columns.Timestamp(now));
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<QueuedJob>> ReapExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await WriteAsync(ReapSql, p => p.AddWithValue("$now", Columns.Timestamp(now)), cancellationToken).ConfigureAwait(false);

    public Task<int> CancelRunAsync(long runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            """
            UPDATE queue_jobs SET state = 'Cancelled', result = $reason, finished_at = $now, lease_expires_at = NULL
            WHERE run_id = $run AND state IN ('Queued', 'Running');
            """,
            p =>
            {
                p.AddWithValue("$run", runId);
                p.AddWithValue("$reason", reason);
                p.AddWithValue("$now", Columns.Timestamp(now));
            },
            cancellationToken);

    public async Task<QueuedJob?> GetAsync(long jobId, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {QueueRows.Columns} FROM queue_jobs WHERE id = $id;", p => p.AddWithValue("$id", jobId), QueueRows.Read, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<QueuedJob?> FindAsync(long runId, string job, CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            $"SELECT {QueueRows.Columns} FROM queue_jobs WHERE run_id = $run AND job = $job ORDER BY id DESC LIMIT 1;",
            p =>
            {
                p.AddWithValue("$run", runId);
                p.AddWithValue("$job", job);
            },
            QueueRows.Read,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<QueueCounts> CountAsync(CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            """
            SELECT (SELECT COUNT(*) FROM queue_jobs WHERE state = 'Queued'),
                   (SELECT COUNT(*) FROM queue_jobs WHERE state = 'Running');
            """,
            _ => { },
            r => new QueueCounts(r.GetInt64(0), r.GetInt64(1)),
            cancellationToken).ConfigureAwait(false))[0];

    private async Task<List<QueuedJob>> WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: the write lock is taken before the select, so no other process can claim between.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command.Parameters);
            var rows = await SqliteConnector.ReadAllAsync(command, QueueRows.Read, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return rows;
        }
    }
}
