using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>Column lists and readers of the environment and deployment tables.</summary>
internal static class DeploymentRows
{
    public const string EnvironmentColumns =
        "repository_id, name, approvers, approver_role, required_approvals, prevent_self_approval, wait_timer_seconds, branches, "
        + "supersede_queued, gitops_repository, gitops_branch, gitops_directory, gitops_artifacts, updated_at, updated_by";

    public const string DeploymentColumns =
        "id, repository_id, repository, environment, run_id, job, commit_sha, ref, actor, author, state, detail, requested_at, started_at, finished_at";

    public const string QualifiedDeploymentColumns =
        "d.id, d.repository_id, d.repository, d.environment, d.run_id, d.job, d.commit_sha, d.ref, d.actor, d.author, d.state, d.detail, d.requested_at, d.started_at, d.finished_at";

    public const string ApprovalColumns = "run_id, environment, user_name, approved, comment, decided_at";

    // A deployment still counts (holds the lock, or is ahead in the queue) only while its run is not finished.
    public const string RunAlive = "EXISTS (SELECT 1 FROM runs r WHERE r.id = d.run_id AND r.status IN ('Pending', 'Running'))";

    public static EnvironmentRecord ReadEnvironment(SqliteDataReader r) => new()
    {
        RepositoryId = r.GetInt64(0),
        Name = r.GetString(1),
        Approvers = ServiceColumns.ReadList(r, 2),
        ApproverRole = r.IsDBNull(3) ? null : Columns.ReadName<Role>(r, 3),
        RequiredApprovals = r.GetInt32(4),
        PreventSelfApproval = ServiceColumns.ReadFlag(r, 5),
        WaitTimerSeconds = r.GetInt32(6),
        Branches = ServiceColumns.ReadList(r, 7),
        SupersedeQueued = ServiceColumns.ReadFlag(r, 8),
        GitOps = r.IsDBNull(9) ? null : new GitOpsTarget(r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12)),
        UpdatedAt = Columns.ReadTimestamp(r, 13),
        UpdatedBy = Columns.ReadNullableString(r, 14),
    };

    public static DeploymentRecord ReadDeployment(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        RepositoryId = r.GetInt64(1),
        Repository = r.GetString(2),
        Environment = r.GetString(3),
        RunId = r.GetInt64(4),
        Job = r.GetString(5),
        Commit = r.GetString(6),
        Ref = r.GetString(7),
        Actor = Columns.ReadNullableString(r, 8),
        Author = Columns.ReadNullableString(r, 9),
        State = Columns.ReadName<DeploymentState>(r, 10),
        Detail = Columns.ReadNullableString(r, 11),
        RequestedAt = Columns.ReadTimestamp(r, 12),
        StartedAt = Columns.ReadNullableTimestamp(r, 13),
        FinishedAt = Columns.ReadNullableTimestamp(r, 14),
    };

    public static ApprovalRecord ReadApproval(SqliteDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Environment = r.GetString(1),
        User = r.GetString(2),
        Approved = ServiceColumns.ReadFlag(r, 3),
        Comment = Columns.ReadNullableString(r, 4),
        DecidedAt = Columns.ReadTimestamp(r, 5),
    };
}
