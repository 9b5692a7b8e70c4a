using Microsoft.Data.Sqlite;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;

namespace Rampart.Store.Sqlite;

/// <summary>The read side: rows to records, in a stable order.</summary>
internal static class RunQueries
{
    private const string SelectRun =
        "SELECT id, pipeline, repository, ref, commit_sha, event, status, started_at, finished_at, error FROM runs";

    public static async Task<IReadOnlyList<RunRecord>> ListRunsAsync(SqliteConnection connection, int limit, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectRun + " ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAllAsync(command, ReadRun, ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<RunRecord>> ListRunsAsync(SqliteConnection connection, RunQuery query, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        // Filters are added only when given, so SQLite plans a plain keyset scan of the matching index.
        var sql = new System.Text.StringBuilder(SelectRun).Append(" WHERE 1 = 1");
        if (query.BeforeId is { } before)
        {
            sql.Append(" AND id < $before");
            command.Parameters.AddWithValue("$before", before);
        }

        if (query.Repository is not null)
        {
            sql.Append(" AND repository = $repository");
            command.Parameters.AddWithValue("$repository", query.Repository);
        }

        if (query.Pipeline is not null)
        {
            sql.Append(" AND pipeline = $pipeline");
            command.Parameters.AddWithValue("$pipeline", query.Pipeline);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", Columns.Name(status));
        }

        command.CommandText = sql.Append(" ORDER BY id DESC LIMIT $limit;").ToString();
        command.Parameters.AddWithValue("$limit", query.Limit);
        return await ReadAllAsync(command, ReadRun, ct).ConfigureAwait(false);
    }

    public static async Task<RunDetails?> GetRunAsync(SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", id);

        command.CommandText = SelectRun + " WHERE id = $id;";
        var runs = await ReadAllAsync(command, ReadRun, ct).ConfigureAwait(false);
        if (runs.Count == 0)
            return null;

        // Jobs not yet started sort after those that did, then by name; text timestamps sort as times.
        command.CommandText = """
            SELECT run_id, name, status, started_at, finished_at, environment, error FROM jobs
            WHERE run_id = $id ORDER BY started_at IS NULL, started_at, name;
            """;
        var jobs = await ReadAllAsync(command, ReadJob, ct).ConfigureAwait(false);

        command.CommandText = """
            SELECT run_id, job, idx, name, status, exit_code, started_at, finished_at, log_path FROM steps
            WHERE run_id = $id ORDER BY job, idx;
            """;
        var steps = await ReadAllAsync(command, ReadStep, ct).ConfigureAwait(false);

        command.CommandText = "SELECT run_id, job, name, digest, size FROM artifacts WHERE run_id = $id ORDER BY job, name, id;";
        var artifacts = await ReadAllAsync(command, ReadArtifact, ct).ConfigureAwait(false);

        command.CommandText = FindingColumns.Select + " WHERE run_id = $id ORDER BY id;";
        var findings = await ReadAllAsync(command, FindingColumns.Read, ct).ConfigureAwait(false);

        return new RunDetails(runs[0], jobs, steps, artifacts, findings);
    }

    private static async Task<List<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        var list = new List<T>();
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                list.Add(read(reader));
        }
        return list;
    }

    private static RunRecord ReadRun(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Pipeline = r.GetString(1),
        Repository = r.GetString(2),
        Ref = r.GetString(3),
        Commit = r.GetString(4),
        Event = r.GetString(5),
        Status = Columns.ReadName<Outcome>(r, 6),
        StartedAt = Columns.ReadTimestamp(r, 7),
        FinishedAt = Columns.ReadNullableTimestamp(r, 8),
        Error = Columns.ReadNullableString(r, 9),
    };

    private static JobRecord ReadJob(SqliteDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Name = r.GetString(1),
        Status = Columns.ReadName<Outcome>(r, 2),
        StartedAt = Columns.ReadNullableTimestamp(r, 3),
        FinishedAt = Columns.ReadNullableTimestamp(r, 4),
        Environment = Columns.ReadNullableString(r, 5),
        Error = Columns.ReadNullableString(r, 6),
    };

    private static StepRecord ReadStep(SqliteDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Job = r.GetString(1),
        Index = r.GetInt32(2),
        Name = r.GetString(3),
        Status = Columns.ReadName<Outcome>(r, 4),
        ExitCode = Columns.ReadNullableInt(r, 5),
        StartedAt = Columns.ReadNullableTimestamp(r, 6),
        FinishedAt = Columns.ReadNullableTimestamp(r, 7),
        LogPath = Columns.ReadNullableString(r, 8),
    };

    private static ArtifactRecord ReadArtifact(SqliteDataReader r) =>
        Digest.TryParse(r.GetString(3), out var digest)
            ? new ArtifactRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), digest, r.GetInt64(4))
            : throw new InvalidDataException($"malformed digest '{r.GetString(3)}' in the run database");
}
