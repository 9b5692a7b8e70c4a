using Microsoft.Data.Sqlite;
using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Store.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file in WAL mode, a short-lived pooled connection per call
/// (so any number of tasks may use one instance), parameterised SQL only. Tables are created on
/// first use from <see cref="Schema"/>.
/// </summary>
public sealed class SqliteRunStore : IRunStore, IRunBrowser
{
    // Kept equal to the busy_timeout pragma in OpenConnectionAsync.
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly Lazy<Task> _initialized;

    public SqliteRunStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _initialized = new Lazy<Task>(InitializeAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabasePath { get; }

    public async Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO runs (pipeline, repository, ref, commit_sha, event, status, started_at, finished_at, error)
                VALUES ($pipeline, $repository, $ref, $commit, $event, $status, $started, $finished, $error)
                RETURNING id;
                """;
            BindRun(command, run);
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return run with { Id = id };
        }
    }

    public async Task UpdateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var changed = await ExecuteAsync(
            """
            UPDATE runs SET pipeline = $pipeline, repository = $repository, ref = $ref, commit_sha = $commit,
                event = $event, status = $status, started_at = $started, finished_at = $finished, error = $error
            WHERE id = $id;
            """,
            command =>
            {
                BindRun(command, run);
                command.Parameters.AddWithValue("$id", run.Id);
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
            throw new KeyNotFoundException($"no run with id {run.Id}");
    }

    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ExecuteAsync(
            """
            INSERT INTO jobs (run_id, name, status, started_at, finished_at, environment, error)
            VALUES ($run, $name, $status, $started, $finished, $environment, $error)
            ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
                finished_at = excluded.finished_at, environment = excluded.environment, error = excluded.error;
            """,
            command =>
            {
                var p = command.Parameters;
                p.AddWithValue("$run", job.RunId);
                p.AddWithValue("$name", job.Name);
                p.AddWithValue("$status", Columns.Name(job.Status));
                p.AddWithValue("$started", Columns.Timestamp(job.StartedAt));
                p.AddWithValue("$finished", Columns.Timestamp(job.FinishedAt));
                p.AddWithValue("$environment", Columns.Nullable(job.Environment));
                p.AddWithValue("$error", Columns.Nullable(job.Error));
            },
            cancellationToken);
    }

    public Task SaveStepAsync(StepRecord step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return ExecuteAsync(
            """
            INSERT INTO steps (run_id, job, idx, name, status, exit_code, started_at, finished_at, log_path)
            VALUES ($run, $job, $idx, $name, $status, $exit, $started, $finished, $log)
            ON CONFLICT (run_id, job, idx) DO UPDATE SET name = excluded.name, status = excluded.status,
                exit_code = excluded.exit_code, started_at = excluded.started_at,
                finished_at = excluded.finished_at, log_path = excluded.log_path;
            """,
            command =>
            {
                var p = command.Parameters;
                p.AddWithValue("$run", step.RunId);
                p.AddWithValue("$job", step.Job);
                p.AddWithValue("$idx", step.Index);
                p.AddWithValue("$name", step.Name);
                p.AddWithValue("$status", Columns.Name(step.Status));
                p.AddWithValue("$exit", Columns.Nullable(step.ExitCode));
                p.AddWithValue("$started", Columns.Timestamp(step.StartedAt));
                p.AddWithValue("$finished", Columns.Timestamp(step.FinishedAt));
                p.AddWithValue("$log", Columns.Nullable(step.LogPath));
            },
            cancellationToken);
    }

    public Task AddArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return ExecuteAsync(
            "INSERT INTO artifacts (run_id, job, name, digest, size) VALUES ($run, $job, $name, $digest, $size);",
            command =>
            {
                var p = command.Parameters;
                p.AddWithValue("$run", artifact.RunId);
                p.AddWithValue("$job", artifact.Job);
                p.AddWithValue("$name", artifact.Name);
                p.AddWithValue("$digest", artifact.Digest.ToString());
                p.AddWithValue("$size", artifact.Size);
            },
            cancellationToken);
    }

    public async Task AddFindingsAsync(long runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
            return;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: take the write lock up front so the busy timeout applies, not a deadlock error.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO findings (run_id, rule_id, severity, message, path, line, col, end_line, end_col, fingerprint, source)
                VALUES ($run, $rule, $severity, $message, $path, $line, $col, $endLine, $endCol, $fingerprint, $source);
                """;
            foreach (var finding in findings)
            {
                command.Parameters.Clear();
                FindingColumns.Bind(command, runId, finding);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            transaction.Commit();
        }
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            return await RunQueries.ListRunsAsync(connection, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            return await RunQueries.ListRunsAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: the run and its children come from the same snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            var details = await RunQueries.GetRunAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return details;
        }
    }

    private static void BindRun(SqliteCommand command, RunRecord run)
    {
        var p = command.Parameters;
        p.AddWithValue("$pipeline", run.Pipeline);
        p.AddWithValue("$repository", run.Repository);
        p.AddWithValue("$ref", run.Ref);
        p.AddWithValue("$commit", run.Commit);
        p.AddWithValue("$event", run.Event);
        p.AddWithValue("$status", Columns.Name(run.Status));
        p.AddWithValue("$started", Columns.Timestamp(run.StartedAt));
        p.AddWithValue("$finished", Columns.Timestamp(run.FinishedAt));
        p.AddWithValue("$error", Columns.Nullable(run.Error));
    }

    private async Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // busy_timeout makes SQLite itself wait for the writer's lock instead of failing with "database is locked".
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            Schema.Migrate(connection);
    }
}
