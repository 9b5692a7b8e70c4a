using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>
/// Environments, deployments and approvals in PostgreSQL. Every change to an environment's queue
/// first locks that environment's row in <c>environment_locks</c> (<c>FOR UPDATE</c>), so requests,
/// starts and finishes of one environment are serialised across replicas.
/// </summary>
internal sealed class PostgresDeploymentStore(PgConnector db) : IDeploymentStore
{
    private const string SelectDeployment = $"SELECT {PgDeploymentRows.DeploymentColumns} FROM deployments d";

    public Task SaveEnvironmentAsync(EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return db.ExecuteAsync(
            $"""
            INSERT INTO environments ({PgDeploymentRows.EnvironmentColumns})
            VALUES (@repository, @name, @approvers, @role, @required, @self, @wait, @branches, @supersede,
                @gitRepository, @gitBranch, @gitDirectory, @gitArtifacts, @updated, @by)
            ON CONFLICT (repository_id, name) DO UPDATE SET approvers = excluded.approvers, approver_role = excluded.approver_role,
                required_approvals = excluded.required_approvals, prevent_self_approval = excluded.prevent_self_approval,
                wait_timer_seconds = excluded.wait_timer_seconds, branches = excluded.branches, supersede_queued = excluded.supersede_queued,
                gitops_repository = excluded.gitops_repository, gitops_branch = excluded.gitops_branch,
                gitops_directory = excluded.gitops_directory, gitops_artifacts = excluded.gitops_artifacts,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """,
            p =>
            {
                p.Long("repository", environment.RepositoryId);
                p.Text("name", environment.Name);
                p.List("approvers", environment.Approvers);
                p.Text("role", environment.ApproverRole?.ToString());
                p.Int("required", environment.RequiredApprovals);
                p.Bool("self", environment.PreventSelfApproval);
                p.Int("wait", environment.WaitTimerSeconds);
                p.List("branches", environment.Branches);
                p.Bool("supersede", environment.SupersedeQueued);
                p.Text("gitRepository", environment.GitOps?.Repository);
                p.Text("gitBranch", environment.GitOps?.Branch);
                p.Text("gitDirectory", environment.GitOps?.Directory);
                p.Text("gitArtifacts", environment.GitOps?.Artifacts);
                p.Time("updated", environment.UpdatedAt);
                p.Text("by", environment.UpdatedBy);
            },
            cancellationToken);
    }

    public async Task<EnvironmentRecord?> GetEnvironmentAsync(long repositoryId, string name, CancellationToken cancellationToken) =>
        (await db.QueryAsync(
            $"SELECT {PgDeploymentRows.EnvironmentColumns} FROM environments WHERE repository_id = @repository AND name = @name;",
            p =>
            {
                p.Long("repository", repositoryId);
                p.Text("name", name);
            },
            PgDeploymentRows.ReadEnvironment,
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(long repositoryId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {PgDeploymentRows.EnvironmentColumns} FROM environments WHERE repository_id = @repository ORDER BY name COLLATE \"C\";",
            p => p.Long("repository", repositoryId),
            PgDeploymentRows.ReadEnvironment,
            cancellationToken).ConfigureAwait(false);

    public Task<DeploymentRecord> RequestAsync(DeploymentRecord deployment, bool supersedeOlder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return InTransactionAsync(async (connection, transaction) =>
        {
            await LockEnvironmentAsync(connection, transaction, deployment.RepositoryId, deployment.Environment, cancellationToken).ConfigureAwait(false);
            var existing = await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.run_id = @run AND d.job = @job;",
                p =>
                {
                    p.Long("run", deployment.RunId);
                    p.Text("job", deployment.Job);
                }, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
                return existing;
            var created = await QueryOneAsync(connection, transaction,
                $"""
                INSERT INTO deployments AS d (repository_id, repository, environment, run_id, job, commit_sha, ref, actor, author, state, detail, requested_at)
                VALUES (@repositoryId, @repository, @environment, @run, @job, @commit, @ref, @actor, @author, 'Waiting', @detail, @requested)
                RETURNING {PgDeploymentRows.DeploymentColumns};
                """,
                p =>
                {
                    p.Long("repositoryId", deployment.RepositoryId);
                    p.Text("repository", deployment.Repository);
                    p.Text("environment", deployment.Environment);
                    p.Long("run", deployment.RunId);
                    p.Text("job", deployment.Job);
                    p.Text("commit", deployment.Commit);
                    p.Text("ref", deployment.Ref);
                    p.Text("actor", deployment.Actor);
                    p.Text("author", deployment.Author);
                    p.Text("detail", deployment.Detail);
                    p.Time("requested", deployment.RequestedAt);
                }, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("insert returned no row");
            if (supersedeOlder)
            {
                await ExecuteAsync(connection, transaction,
                    """
                    UPDATE deployments SET state = 'Superseded', finished_at = @now,
                        detail = 'superseded by run ' || @run::text || ' (commit ' || substr(@commit, 1, 12) || ')'
                    WHERE repository_id = @repositoryId AND environment = @environment AND state = 'Waiting'
                      AND id < @id AND commit_sha <> @commit;
                    """,
                    p =>
                    {
                        p.Time("now", deployment.RequestedAt);
                        p.Long("run", deployment.RunId);
                        p.Text("commit", deployment.Commit);
                        p.Long("repositoryId", deployment.RepositoryId);
                        p.Text("environment", deployment.Environment);
                        p.Long("id", created.Id);
                    }, cancellationToken).ConfigureAwait(false);
            }

            return created;
        }, cancellationToken);
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(long id, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"{SelectDeployment} WHERE d.id = @id;", p => p.Long("id", id), PgDeploymentRows.ReadDeployment, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(long repositoryId, string? environment, long? runId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await db.QueryAsync(
            $"""
            {SelectDeployment} WHERE d.repository_id = @repository AND (@environment::text IS NULL OR d.environment = @environment)
              AND (@run::bigint IS NULL OR d.run_id = @run)
            ORDER BY d.id DESC LIMIT @limit;
            """,
            p =>
            {
                p.Long("repository", repositoryId);
                p.Text("environment", environment);
                p.Add(new NpgsqlParameter("run", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = runId is { } r ? r : DBNull.Value });
                p.Int("limit", limit);
            },
            PgDeploymentRows.ReadDeployment,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SetWaitingDetailAsync(long id, string detail, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            "UPDATE deployments SET detail = @detail WHERE id = @id AND state = 'Waiting';",
            p =>
            {
                p.Long("id", id);
                p.Text("detail", detail);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<DeploymentStart> TryStartAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var current = await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.id = @id;", p => p.Long("id", id), cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"no deployment {id}");
            await LockEnvironmentAsync(connection, transaction, current.RepositoryId, current.Environment, cancellationToken).ConfigureAwait(false);
            // Read again under the environment's lock: a request may have superseded it meanwhile.
            current = (await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.id = @id;", p => p.Long("id", id), cancellationToken).ConfigureAwait(false))!;
            if (current.State != DeploymentState.Waiting)
                return new DeploymentStart(current.State == DeploymentState.Deploying, current, null);
            void Bind(NpgsqlParameterCollection p)
            {
                p.Long("repository", current.RepositoryId);
                p.Text("environment", current.Environment);
                p.Long("id", id);
            }

            var blocker = await QueryOneAsync(connection, transaction,
                $"""
                {SelectDeployment} JOIN environment_locks l ON l.deployment_id = d.id
                WHERE l.repository_id = @repository AND l.environment = @environment AND d.id <> @id
                  AND d.state = 'Deploying' AND {PgDeploymentRows.RunAlive};
                """, Bind, cancellationToken).ConfigureAwait(false)
                ?? await QueryOneAsync(connection, transaction,
                $"""
                {SelectDeployment} WHERE d.repository_id = @repository AND d.environment = @environment AND d.id < @id
                  AND d.state = 'Waiting' AND {PgDeploymentRows.RunAlive} ORDER BY d.id LIMIT 1;
                """, Bind, cancellationToken).ConfigureAwait(false);
            if (blocker is not null)
                return new DeploymentStart(false, current, blocker);

            await ExecuteAsync(connection, transaction,
                "UPDATE environment_locks SET deployment_id = @id WHERE repository_id = @repository AND environment = @environment;",
                Bind, cancellationToken).ConfigureAwait(false);
            var started = await QueryOneAsync(connection, transaction,
                $"UPDATE deployments d SET state = 'Deploying', started_at = @now, detail = 'deploying' WHERE d.id = @id RETURNING {PgDeploymentRows.DeploymentColumns};",
                p =>
                {
                    p.Long("id", id);
                    p.Time("now", now);
                }, cancellationToken).ConfigureAwait(false);
            return new DeploymentStart(true, started!, null);
        }, cancellationToken);

    public Task<bool> FinishAsync(long id, DeploymentState state, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is DeploymentState.Waiting or DeploymentState.Deploying)
            throw new ArgumentOutOfRangeException(nameof(state), state, "not a final state");
        return InTransactionAsync(async (connection, transaction) =>
        {
            var current = await QueryOneAsync(connection, transaction, $"{SelectDeployment} WHERE d.id = @id;", p => p.Long("id", id), cancellationToken).ConfigureAwait(false);
            if (current is null)
                return false;
            await LockEnvironmentAsync(connection, transaction, current.RepositoryId, current.Environment, cancellationToken).ConfigureAwait(false);
            var changed = await ExecuteAsync(connection, transaction,
                "UPDATE deployments SET state = @state, detail = @reason, finished_at = @now WHERE id = @id AND state IN ('Waiting', 'Deploying');",
                p =>
                {
                    p.Long("id", id);
                    p.Text("state", state.ToString());
                    p.Text("reason", reason);
                    p.Time("now", now);
                }, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "UPDATE environment_locks SET deployment_id = NULL WHERE deployment_id = @id;",
                p => p.Long("id", id), cancellationToken).ConfigureAwait(false);
            return changed == 1;
        }, cancellationToken);
    }

    public async Task<bool> AddApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return await db.ExecuteAsync(
            $"""
            INSERT INTO deploy_approvals ({PgDeploymentRows.ApprovalColumns}) VALUES (@run, @environment, @user, @approved, @comment, @at)
            ON CONFLICT (run_id, environment, user_name) DO NOTHING;
            """,
            p =>
            {
                p.Long("run", approval.RunId);
                p.Text("environment", approval.Environment);
                p.Text("user", approval.User);
                p.Bool("approved", approval.Approved);
                p.Text("comment", approval.Comment);
                p.Time("at", approval.DecidedAt);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ApprovalRecord>> ListApprovalsAsync(long runId, string environment, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {PgDeploymentRows.ApprovalColumns} FROM deploy_approvals WHERE run_id = @run AND environment = @environment ORDER BY id;",
            p =>
            {
                p.Long("run", runId);
                p.Text("environment", environment);
            },
            PgDeploymentRows.ReadApproval,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the environment's lock row if missing and locks it until the transaction ends.</summary>
    private static async Task LockEnvironmentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long repositoryId, string environment, CancellationToken cancellationToken)
    {
        void Bind(NpgsqlParameterCollection p)
        {
            p.Long("repository", repositoryId);
            p.Text("environment", environment);
        }

        await ExecuteAsync(connection, transaction,
            "INSERT INTO environment_locks (repository_id, environment, deployment_id) VALUES (@repository, @environment, NULL) ON CONFLICT DO NOTHING;",
            Bind, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "SELECT 1 FROM environment_locks WHERE repository_id = @repository AND environment = @environment FOR UPDATE;",
            Bind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DeploymentRecord?> QueryOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        bind(command.Parameters);
        return (await PgConnector.ReadAllAsync(command, PgDeploymentRows.ReadDeployment, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }
}
