using Npgsql;
using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Store.Postgres;

/// <summary>The run store on PostgreSQL: the SQLite run tables, ported; parameterised SQL only.</summary>
internal sealed class PostgresRunStore(PgConnector db) : IRunStore, IRunBrowser
{
    public async Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ids = await db.QueryAsync(
            """
            INSERT INTO runs (pipeline, repository, ref, commit_sha, event, status, started_at, finished_at, error)
            VALUES (@pipeline, @repository, @ref, @commit, @event, @status, @started, @finished, @error)
            RETURNING id;
            """,
            p => BindRun(p, run),
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return run with { Id = ids[0] };
    }

    public async Task UpdateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var changed = await db.ExecuteAsync(
            """
            UPDATE runs SET pipeline = @pipeline, repository = @repository, ref = @ref, commit_sha = @commit,
                event = @event, status = @status, started_at = @started, finished_at = @finished, error = @error
            WHERE id = @id;
            """,
            p =>
            {
                BindRun(p, run);
                p.Long("id", run.Id);
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
            throw new KeyNotFoundException($"no run with id {run.Id}");
    }

    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return db.ExecuteAsync(
            """
            INSERT INTO jobs (run_id, name, status, started_at, finished_at, environment, error)
            VALUES (@run, @name, @status, @started, @finished, @environment, @error)
            ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
                finished_at = excluded.finished_at, environment = excluded.environment, error = excluded.error;
            """,
            p =>
            {
                p.Long("run", job.RunId);
                p.Text("name", job.Name);
                p.Name("status", job.Status);
                p.Time("started", job.StartedAt);
                p.Time("finished", job.FinishedAt);
                p.Text("environment", job.Environment);
                p.Text("error", job.Error);
            },
            cancellationToken);
    }

    public Task SaveStepAsync(StepRecord step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return db.ExecuteAsync(
            """
            INSERT INTO steps (run_id, job, idx, name, status, exit_code, started_at, finished_at, log_path)
            VALUES (@run, @job, @idx, @name, @status, @exit, @started, @finished, @log)
            ON CONFLICT (run_id, job, idx) DO UPDATE SET name = excluded.name, status = excluded.status,
                exit_code = excluded.exit_code, started_at = excluded.started_at,
                finished_at = excluded.finished_at, log_path = excluded.log_path;
            """,
            p =>
            {
                p.Long("run", step.RunId);
                p.Text("job", step.Job);
                p.Int("idx", step.Index);
                p.Text("name", step.Name);
                p.Name("status", step.Status);
                p.Int("exit", step.ExitCode);
                p.Time("started", step.StartedAt);
                p.Time("finished", step.FinishedAt);
                p.Text("log", step.LogPath);
            },
            cancellationToken);
    }

    public Task AddArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return db.ExecuteAsync(
            "INSERT INTO artifacts (run_id, job, name, digest, size) VALUES (@run, @job, @name, @digest, @size);",
            p =>
            {
                p.Long("run", artifact.RunId);
                p.Text("job", artifact.Job);
                p.Text("name", artifact.Name);
                p.Text("digest", artifact.Digest.ToString());
                p.Long("size", artifact.Size);
            },
            cancellationToken);
    }

    public async Task AddFindingsAsync(long runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
            return;
        var connection = await db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One batch in one transaction: all of the run's findings are recorded, or none.
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                foreach (var finding in findings)
                {
                    var command = new NpgsqlBatchCommand(PgFindingRows.Insert);
                    PgFindingRows.Bind(command.Parameters, runId, finding);
                    batch.BatchCommands.Add(command);
                }
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    batch.Transaction = transaction;
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await db.QueryAsync(PgRunRows.SelectRun + " ORDER BY id DESC LIMIT @limit;", p => p.Int("limit", limit), PgRunRows.ReadRun, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        // Each filter is added only when given, so the planner sees a plain keyset scan of the matching index.
        var sql = new System.Text.StringBuilder(PgRunRows.SelectRun).Append(" WHERE true");
        if (query.BeforeId is not null)
            sql.Append(" AND id < @before");
        if (query.Repository is not null)
            sql.Append(" AND repository = @repository");
        if (query.Pipeline is not null)
            sql.Append(" AND pipeline = @pipeline");
        if (query.Status is not null)
            sql.Append(" AND status = @status");
        sql.Append(" ORDER BY id DESC LIMIT @limit;");
        return await db.QueryAsync(sql.ToString(), p =>
        {
            if (query.BeforeId is { } before)
                p.Long("before", before);
            if (query.Repository is not null)
                p.Text("repository", query.Repository);
            if (query.Pipeline is not null)
                p.Text("pipeline", query.Pipeline);
            if (query.Status is { } status)
                p.Name("status", status);
            p.Int("limit", query.Limit);
        }, PgRunRows.ReadRun, cancellationToken).ConfigureAwait(false);
    }

    public Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken) =>
        PgRunRows.GetRunAsync(db.DataSource, id, cancellationToken);

    private static void BindRun(NpgsqlParameterCollection p, RunRecord run)
    {
        p.Text("pipeline", run.Pipeline);
        p.Text("repository", run.Repository);
        p.Text("ref", run.Ref);
        p.Text("commit", run.Commit);
        p.Text("event", run.Event);
        p.Name("status", run.Status);
        p.Time("started", run.StartedAt);
        p.Time("finished", run.FinishedAt);
        p.Text("error", run.Error);
    }
}
