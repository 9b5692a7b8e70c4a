using Microsoft.Data.Sqlite;
using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

/// <summary>A queue entry as a row.</summary>
internal static class QueueRows
{
    public const string Columns =
        "id, run_id, job, repository, labels, payload, state, attempt, max_attempts, runner_id, enqueued_at, claimed_at, lease_expires_at, finished_at, result";

    public static QueuedJob Read(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        RunId = r.GetInt64(1),
        Job = r.GetString(2),
        Repository = r.GetString(3),
        Labels = ServiceColumns.ReadList(r, 4),
        Payload = r.GetString(5),
        State = Sqlite.Columns.ReadName<QueueState>(r, 6),
        Attempt = r.GetInt32(7),
        MaxAttempts = r.GetInt32(8),
        RunnerId = Sqlite.Columns.ReadNullableString(r, 9),
        EnqueuedAt = Sqlite.Columns.ReadTimestamp(r, 10),
        ClaimedAt = Sqlite.Columns.ReadNullableTimestamp(r, 11),
        LeaseExpiresAt = Sqlite.Columns.ReadNullableTimestamp(r, 12),
        FinishedAt = Sqlite.Columns.ReadNullableTimestamp(r, 13),
        Result = Sqlite.Columns.ReadNullableString(r, 14),
    };
}
