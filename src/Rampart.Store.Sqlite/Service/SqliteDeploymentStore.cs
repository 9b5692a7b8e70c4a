using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>
/// Environments, deployments and approvals in SQLite. Requests, lock changes and finishes run in
/// <c>BEGIN IMMEDIATE</c> transactions: SQLite's single write lock makes each atomic across every
/// process sharing the file.
/// </summary>
internal sealed class SqliteDeploymentStore(SqliteConnector db) : IDeploymentStore
{
    private const string SelectDeployment = $"SELECT {DeploymentRows.QualifiedDeploymentColumns} FROM deployments d";

    public Task SaveEnvironmentAsync(EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return db.ExecuteAsync(
            $"""
            INSERT OR REPLACE INTO environments ({DeploymentRows.EnvironmentColumns})
            VALUES ($repository, $name, $approvers, $role, $required, $self, $wait, $branches, $supersede,
                $gitRepository, $gitBranch, $gitDirectory, $gitArtifacts, $updated, $by);
            """,
            p =>
            {
                p.AddWithValue("$repository", environment.RepositoryId);
                p.AddWithValue("$name", environment.Name);
                p.AddWithValue("$approvers", ServiceColumns.List(environment.Approvers));
                p.AddWithValue("$role", environment.ApproverRole is { } role ? role.ToString() : DBNull.Value);
                p.AddWithValue("$required", environment.RequiredApprovals);
                p.AddWithValue("$self", ServiceColumns.Flag(environment.PreventSelfApproval));
                p.AddWithValue("$wait", environment.WaitTimerSeconds);
                p.AddWithValue("$branches", ServiceColumns.List(environment.Branches));
                p.AddWithValue("$supersede", ServiceColumns.Flag(environment.SupersedeQueued));
                p.AddWithValue("$gitRepository", Columns.Nullable(environment.GitOps?.Repository));
                p.AddWithValue("$gitBranch", Columns.Nullable(environment.GitOps?.Branch));
                p.AddWithValue("$gitDirectory", Columns.Nullable(environment.GitOps?.Directory));
                p.AddWithValue("$gitArtifacts", Columns.Nullable(environment.GitOps?.Artifacts));
                p.AddWithValue("$updated", Columns.Timestamp(environment.UpdatedAt));
                p.AddWithValue("$by", Columns.Nullable(environment.UpdatedBy));
            },
            cancellationToken);
    }

    public async Task<EnvironmentRecord?> GetEnvironmentAsync(long repositoryId, string name, CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            $"SELECT {DeploymentRows.EnvironmentColumns} FROM environments WHERE repository_id = $repository AND name = $name;",
            p =>
            {
                p.AddWithValue("$repository", repositoryId);
                p.AddWithValue("$name", name);
            },
            DeploymentRows.ReadEnvironment,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(long repositoryId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {DeploymentRows.EnvironmentColumns} FROM environments WHERE repository_id = $repository ORDER BY name;",
            p => p.AddWithValue("$repository", repositoryId),
            DeploymentRows.ReadEnvironment,
            cancellationToken).ConfigureAwait(false);

    public Task<DeploymentRecord> RequestAsync(DeploymentRecord deployment, bool supersedeOlder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return InTransactionAsync(async (connection, transaction) =>
        {
            var existing = await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.run_id = $run AND d.job = $job;",
                p =>
                {
                    p.AddWithValue("$run", deployment.RunId);
                    p.AddWithValue("$job", deployment.Job);
                }, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
                return existing;
            var created = await QueryOneAsync(connection, transaction,
                $"""
                INSERT INTO deployments (repository_id, repository, environment, run_id, job, commit_sha, ref, actor, author, state, detail, requested_at)
                VALUES ($repositoryId, $repository, $environment, $run, $job, $commit, $ref, $actor, $author, 'Waiting', $detail, $requested)
                RETURNING {DeploymentRows.DeploymentColumns};
                """,
                p =>
                {
                    p.AddWithValue("$repositoryId", deployment.RepositoryId);
                    p.AddWithValue("$repository", deployment.Repository);
                    p.AddWithValue("$environment", deployment.Environment);
                    p.AddWithValue("$run", deployment.RunId);
                    p.AddWithValue("$job", deployment.Job);
                    p.AddWithValue("$commit", deployment.Commit);
                    p.AddWithValue("$ref", deployment.Ref);
                    p.AddWithValue("$actor", Columns.Nullable(deployment.Actor));
                    p.AddWithValue("$author", Columns.Nullable(deployment.Author));
                    p.AddWithValue("$detail", Columns.Nullable(deployment.Detail));
                    p.AddWithValue("$requested", Columns.Timestamp(deployment.RequestedAt));
                }, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("insert returned no row");
            if (supersedeOlder)
            {
                await ExecuteAsync(connection, transaction,
                    """
                    UPDATE deployments SET state = 'Superseded', finished_at = $now,
                        detail = 'superseded by run ' || $run || ' (commit ' || substr($commit, 1, 12) || ')'
                    WHERE repository_id = $repositoryId AND environment = $environment AND state = 'Waiting'
                      AND id < $id AND commit_sha <> $commit;
                    """,
                    p =>
                    {
                        p.AddWithValue("$now", Columns.Timestamp(deployment.RequestedAt));
                        p.AddWithValue("$run", deployment.RunId);
                        p.AddWithValue("$commit", deployment.Commit);
                        p.AddWithValue("$repositoryId", deployment.RepositoryId);
                        p.AddWithValue("$environment", deployment.Environment);
                        p.AddWithValue("$id", created.Id);
                    }, cancellationToken).ConfigureAwait(false);
            }

            return created;
        }, cancellationToken);
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"{SelectDeployment} WHERE d.id = $id;", p => p.AddWithValue("$id", id), DeploymentRows.ReadDeployment, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(long repositoryId, string? environment, long? runId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await db.QueryAsync(
            $"""
            {SelectDeployment} WHERE d.repository_id = $repository AND ($environment IS NULL OR d.environment = $environment)
              AND ($run IS NULL OR d.run_id = $run)
            ORDER BY d.id DESC LIMIT $limit;
            """,
            p =>
            {
                p.AddWithValue("$repository", repositoryId);
                p.AddWithValue("$environment", Columns.Nullable(environment));
                p.AddWithValue("$run", runId is { } r ? r : DBNull.Value);
                p.AddWithValue("$limit", limit);
            },
            DeploymentRows.ReadDeployment,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SetWaitingDetailAsync(long id, string detail, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE deployments SET detail = $detail WHERE id = $id AND state = 'Waiting';",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$detail", detail);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<DeploymentStart> TryStartAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var current = await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.id = $id;", p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"no deployment {id}");
            if (current.State != DeploymentState.Waiting)
                return new DeploymentStart(current.State == DeploymentState.Deploying, current, null);
            void Bind(SqliteParameterCollection p)
            {
                p.AddWithValue("$repository", current.RepositoryId);
                p.AddWithValue("$environment", current.Environment);
                p.AddWithValue("$id", id);
            }

            await ExecuteAsync(connection, transaction,
                "INSERT OR IGNORE INTO environment_locks (repository_id, environment, deployment_id) VALUES ($repository, $environment, NULL);",
                Bind, cancellationToken).ConfigureAwait(false);
            var blocker = await QueryOneAsync(connection, transaction,
                $"""
                {SelectDeployment} JOIN environment_locks l ON l.deployment_id = d.id
                WHERE l.repository_id = $repository AND l.environment = $environment AND d.id <> $id
                  AND d.state = 'Deploying' AND {DeploymentRows.RunAlive};
                """, Bind, cancellationToken).ConfigureAwait(false)
                ?? await QueryOneAsync(connection, transaction,
                $"""
                {SelectDeployment} WHERE d.repository_id = $repository AND d.environment = $environment AND d.id < $id
                  AND d.state = 'Waiting' AND {DeploymentRows.RunAlive} ORDER BY d.id LIMIT 1;
                """, Bind, cancellationToken).ConfigureAwait(false);
            if (blocker is not null)
                return new DeploymentStart(false, current, blocker);

            await ExecuteAsync(connection, transaction,
                "UPDATE environment_locks SET deployment_id = $id WHERE repository_id = $repository AND environment = $environment;",
                Bind, cancellationToken).ConfigureAwait(false);
            var started = await QueryOneAsync(connection, transaction,
                $"UPDATE deployments SET state = 'Deploying', started_at = $now, detail = 'deploying' WHERE id = $id RETURNING {DeploymentRows.DeploymentColumns};",
                p =>
                {
                    p.AddWithValue("$id", id);
                    p.AddWithValue("$now", Columns.Timestamp(now));
                }, cancellationToken).ConfigureAwait(false);
            return new DeploymentStart(true, started!, null);
        }, cancellationToken);

    public Task<bool> FinishAsync(long id, DeploymentState state, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is DeploymentState.Waiting or DeploymentState.Deploying)
            throw new ArgumentOutOfRangeException(nameof(state), state, "not a final state");
        return InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await ExecuteAsync(connection, transaction,
                "UPDATE deployments SET state = $state, detail = $reason, finished_at = $now WHERE id = $id AND state IN ('Waiting', 'Deploying');",
                p =>
                {
                    p.AddWithValue("$id", id);
                    p.AddWithValue("$state", state.ToString());
                    p.AddWithValue("$reason", reason);
                    p.AddWithValue("$now", Columns.Timestamp(now));
                }, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "UPDATE environment_locks SET deployment_id = NULL WHERE deployment_id = $id;",
                p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
            return changed == 1;
        }, cancellationToken);
    }

    public async Task<bool> AddApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return await db.ExecuteAsync(
            $"""
            INSERT INTO deploy_approvals ({DeploymentRows.ApprovalColumns}) VALUES ($run, $environment, $user, $approved, $comment, $at)
            ON CONFLICT (run_id, environment, user_name) DO NOTHING;
            """,
            p =>
            {
                p.AddWithValue("$run", approval.RunId);
                p.AddWithValue("$environment", approval.Environment);
                p.AddWithValue("$user", approval.User);
                p.AddWithValue("$approved", ServiceColumns.Flag(approval.Approved));
                p.AddWithValue("$comment", Columns.Nullable(approval.Comment));
                p.AddWithValue("$at", Columns.Timestamp(approval.DecidedAt));
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ApprovalRecord>> ListApprovalsAsync(long runId, string environment, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {DeploymentRows.ApprovalColumns} FROM deploy_approvals WHERE run_id = $run AND environment = $environment ORDER BY id;",
            p =>
            {
                p.AddWithValue("$run", runId);
                p.AddWithValue("$environment", environment);
            },
            DeploymentRows.ReadApproval,
            cancellationToken).ConfigureAwait(false);

    private async Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: the write lock is taken before the first read, so checks and changes are one step.
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DeploymentRecord?> QueryOneAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command.Parameters);
        return (await SqliteConnector.ReadAllAsync(command, DeploymentRows.ReadDeployment, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }
}
