using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>Column lists and readers of the environment and deployment tables.</summary>
internal static class PgDeploymentRows
{
    public const string EnvironmentColumns =
        "repository_id, name, approvers, approver_role, required_approvals, prevent_self_approval, wait_timer_seconds, branches, "
        + "supersede_queued, gitops_repository, gitops_branch, gitops_directory, gitops_artifacts, updated_at, updated_by";

    public const string DeploymentColumns =
        "d.id, d.repository_id, d.repository, d.environment, d.run_id, d.job, d.commit_sha, d.ref, d.actor, d.author, d.state, d.detail, d.requested_at, d.started_at, d.finished_at";

    public const string ApprovalColumns = "run_id, environment, user_name, approved, comment, decided_at";

    // A deployment still counts (holds the lock, or is ahead in the queue) only while its run is not finished.
    public const string RunAlive = "EXISTS (SELECT 1 FROM runs r WHERE r.id = d.run_id AND r.status IN ('Pending', 'Running'))";

    public static EnvironmentRecord ReadEnvironment(NpgsqlDataReader r) => new()
    {
        RepositoryId = r.GetInt64(0),
        Name = r.GetString(1),
        Approvers = PgColumns.ReadList(r, 2),
        ApproverRole = r.IsDBNull(3) ? null : PgColumns.ReadName<Role>(r, 3),
        RequiredApprovals = r.GetInt32(4),
        PreventSelfApproval = r.GetBoolean(5),
        WaitTimerSeconds = r.GetInt32(6),
        Branches = PgColumns.ReadList(r, 7),
        SupersedeQueued = r.GetBoolean(8),
        GitOps = r.IsDBNull(9) ? null : new GitOpsTarget(r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12)),
        UpdatedAt = PgColumns.ReadTime(r, 13),
        UpdatedBy = PgColumns.ReadNullableString(r, 14),
    };

    public static DeploymentRecord ReadDeployment(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        RepositoryId = r.GetInt64(1),
        Repository = r.GetString(2),
        Environment = r.GetString(3),
        RunId = r.GetInt64(4),
        Job = r.GetString(5),
        Commit = r.GetString(6),
        Ref = r.GetString(7),
        Actor = PgColumns.ReadNullableString(r, 8),
        Author = PgColumns.ReadNullableString(r, 9),
        State = PgColumns.ReadName<DeploymentState>(r, 10),
        Detail = PgColumns.ReadNullableString(r, 11),
        RequestedAt = PgColumns.ReadTime(r, 12),
        StartedAt = PgColumns.ReadNullableTime(r, 13),
        FinishedAt = PgColumns.ReadNullableTime(r, 14),
    };

    public static ApprovalRecord ReadApproval(NpgsqlDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Environment = r.GetString(1),
        User = r.GetString(2),
        Approved = r.GetBoolean(3),
        Comment = PgColumns.ReadNullableString(r, 4),
        DecidedAt = PgColumns.ReadTime(r, 5),
    };
}
