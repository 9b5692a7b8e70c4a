using System.Data;
using Npgsql;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;

namespace Rampart.Store.Postgres;

/// <summary>The run store's read side: rows to records, in the same order as the SQLite store's.</summary>
internal static class PgRunRows
{
    public const string SelectRun =
        "SELECT id, pipeline, repository, ref, commit_sha, event, status, started_at, finished_at, error FROM runs";

    public static async Task<RunDetails?> GetRunAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the run and its children.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand(SelectRun + " WHERE id = @id;", connection, transaction);
                command.Parameters.Long("id", id);
                var runs = await PgConnector.ReadAllAsync(command, ReadRun, ct).ConfigureAwait(false);
                if (runs.Count == 0)
                    return null;

                command.CommandText = """
                    SELECT run_id, name, status, started_at, finished_at, environment, error FROM jobs
                    WHERE run_id = @id ORDER BY started_at IS NULL, started_at, name COLLATE "C";
                    """;
                var jobs = await PgConnector.ReadAllAsync(command, ReadJob, ct).ConfigureAwait(false);

                command.CommandText = """
                    SELECT run_id, job, idx, name, status, exit_code, started_at, finished_at, log_path FROM steps
                    WHERE run_id = @id ORDER BY job COLLATE "C", idx;
                    """;
                var steps = await PgConnector.ReadAllAsync(command, ReadStep, ct).ConfigureAwait(false);

                command.CommandText = """SELECT run_id, job, name, digest, size FROM artifacts WHERE run_id = @id ORDER BY job COLLATE "C", name COLLATE "C", id;""";
                var artifacts = await PgConnector.ReadAllAsync(command, ReadArtifact, ct).ConfigureAwait(false);

                command.CommandText = PgFindingRows.Select + " WHERE run_id = @id ORDER BY id;";
                var findings = await PgConnector.ReadAllAsync(command, PgFindingRows.Read, ct).ConfigureAwait(false);

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new RunDetails(runs[0], jobs, steps, artifacts, findings);
            }
        }
    }

    public static RunRecord ReadRun(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Pipeline = r.GetString(1),
        Repository = r.GetString(2),
        Ref = r.GetString(3),
        Commit = r.GetString(4),
        Event = r.GetString(5),
        Status = PgColumns.ReadName<Outcome>(r, 6),
        StartedAt = PgColumns.ReadTime(r, 7),
        FinishedAt = PgColumns.ReadNullableTime(r, 8),
        Error = PgColumns.ReadNullableString(r, 9),
    };

    private static JobRecord ReadJob(NpgsqlDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Name = r.GetString(1),
        Status = PgColumns.ReadName<Outcome>(r, 2),
        StartedAt = PgColumns.ReadNullableTime(r, 3),
        FinishedAt = PgColumns.ReadNullableTime(r, 4),
        Environment = PgColumns.ReadNullableString(r, 5),
        Error = PgColumns.ReadNullableString(r, 6),
    };

    private static StepRecord ReadStep(NpgsqlDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Job = r.GetString(1),
        Index = r.GetInt32(2),
        Name = r.GetString(3),
        Status = PgColumns.ReadName<Outcome>(r, 4),
        ExitCode = PgColumns.ReadNullableInt(r, 5),
        StartedAt = PgColumns.ReadNullableTime(r, 6),
        FinishedAt = PgColumns.ReadNullableTime(r, 7),
        LogPath = PgColumns.ReadNullableString(r, 8),
    };

    private static ArtifactRecord ReadArtifact(NpgsqlDataReader r) =>
        Digest.TryParse(r.GetString(3), out var digest)
            ? new ArtifactRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), digest, r.GetInt64(4))
            : throw new InvalidDataException($"malformed digest '{r.GetString(3)}' in the run database");
}
