using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

internal sealed class PostgresLogStore(PgConnector db) : ILogStore
{
    public async Task<long> AppendLogAsync(long runId, string job, int step, string text, CancellationToken cancellationToken)
    {
        // The counter row of the step is locked by the upsert until the statement's transaction ends,
        // so appenders from several replicas take consecutive numbers, never the same one.
        var rows = await db.QueryAsync(
            """
            WITH next AS (
                INSERT INTO log_streams (run_id, job, step, last_seq) VALUES (@run, @job, @step, 1)
                ON CONFLICT (run_id, job, step) DO UPDATE SET last_seq = log_streams.last_seq + 1
                RETURNING last_seq)
            INSERT INTO log_chunks (run_id, job, step, seq, text)
            SELECT @run, @job, @step, last_seq, @text FROM next
            RETURNING seq;
            """,
            p =>
            {
                p.Value("run", runId);
                p.Value("job", job);
                p.Value("step", step);
                p.Value("text", text);
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
            SELECT seq, text FROM log_chunks WHERE run_id = @run AND job = @job AND step = @step AND seq > @after
            ORDER BY seq LIMIT @limit;
            """,
            p =>
            {
                p.Value("run", runId);
                p.Value("job", job);
                p.Value("step", step);
                p.Value("after", afterSequence);
                p.Value("limit", limit);
            },
            r => new LogChunk(runId, job, step, r.GetInt64(0), r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
    }
}
