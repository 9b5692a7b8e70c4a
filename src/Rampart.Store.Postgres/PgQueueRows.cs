using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>A queue entry as a row.</summary>
internal static class PgQueueRows
{
    public const string Columns =
        "id, run_id, job, repository, labels, payload, state, attempt, max_attempts, runner_id, enqueued_at, claimed_at, lease_expires_at, finished_at, result";

    public static QueuedJob Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        RunId = r.GetInt64(1),
        Job = r.GetString(2),
        Repository = r.GetString(3),
        Labels = PgColumns.ReadList(r, 4),
        Payload = r.GetString(5),
        State = PgColumns.ReadName<QueueState>(r, 6),
        Attempt = r.GetInt32(7),
        MaxAttempts = r.GetInt32(8),
        RunnerId = PgColumns.ReadNullableString(r, 9),
        EnqueuedAt = PgColumns.ReadTime(r, 10),
        ClaimedAt = PgColumns.ReadNullableTime(r, 11),
        LeaseExpiresAt = PgColumns.ReadNullableTime(r, 12),
        FinishedAt = PgColumns.ReadNullableTime(r, 13),
        Result = PgColumns.ReadNullableString(r, 14),
    };
}
