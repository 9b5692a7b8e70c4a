using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

internal sealed class SqliteLogStore(SqliteConnector db) : ILogStore
{
    public async Task<long> AppendLogAsync(long runId, string job, int step, string text, CancellationToken cancellationToken)
    {
        // One statement under SQLite's write lock: the next number of the step cannot be taken twice.
        var rows = await db.QueryAsync(
            """
            INSERT INTO log_chunks (run_id, job, step, seq, text)
            SELECT $run, $job, $step, COALESCE(MAX(seq), 0) + 1, $text FROM log_chunks
            WHERE run_id = $run AND job = $job AND step = $step
            RETURNING seq;
            """,
            p =>
            {
                p.AddWithValue("$run", runId);
                p.AddWithValue("$job", job);
                p.AddWithValue("$step", step);
                p.AddWithValue("$text", text);
            },
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    public async Task<IReadOnlyList<LogChunk>> ReadLogAsync(long runId, string job, int step, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await db.QueryAsync(
            """
            SELECT seq, text FROM log_chunks WHERE run_id = $run AND job = $job AND step = $step AND seq > $after
            ORDER BY seq LIMIT $limit;
            """,
            p =>
            {
                p.AddWithValue("$run", runId);
                p.AddWithValue("$job", job);
                p.AddWithValue("$step", step);
                p.AddWithValue("$after", afterSequence);
                p.AddWithValue("$limit", limit);
            },
            r => new LogChunk(runId, job, step, r.GetInt64(0), r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
    }
}
