using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite;

/// <summary>
/// The database shape as an ordered list of migrations. Version N is <c>Migrations[N - 1]</c>;
/// <c>schema_version</c> holds the highest version applied. Add new versions at the end, never edit old ones.
/// </summary>
internal static class Schema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            pipeline    TEXT NOT NULL,
            repository  TEXT NOT NULL,
            ref         TEXT NOT NULL,
            commit_sha  TEXT NOT NULL,
            event       TEXT NOT NULL,
            status      TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            error       TEXT
        );
        CREATE TABLE jobs (
            run_id      INTEGER NOT NULL REFERENCES runs(id),
            name        TEXT NOT NULL,
            status      TEXT NOT NULL,
            started_at  TEXT,
            finished_at TEXT,
            environment TEXT,
            error       TEXT,
            PRIMARY KEY (run_id, name)
        );
        CREATE TABLE steps (
            run_id      INTEGER NOT NULL REFERENCES runs(id),
            job         TEXT NOT NULL,
            idx         INTEGER NOT NULL,
            name        TEXT NOT NULL,
            status      TEXT NOT NULL,
            exit_code   INTEGER,
            started_at  TEXT,
            finished_at TEXT,
            log_path    TEXT,
            PRIMARY KEY (run_id, job, idx)
        );
        CREATE TABLE artifacts (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id      INTEGER NOT NULL REFERENCES runs(id),
            job         TEXT NOT NULL,
            name        TEXT NOT NULL,
            digest      TEXT NOT NULL,
            size        INTEGER NOT NULL
        );
        CREATE INDEX artifacts_run ON artifacts(run_id);
        CREATE TABLE findings (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id      INTEGER NOT NULL REFERENCES runs(id),
            rule_id     TEXT NOT NULL,
            severity    TEXT NOT NULL,
            message     TEXT NOT NULL,
            path        TEXT,
            line        INTEGER,
            col         INTEGER,
            end_line    INTEGER,
            end_col     INTEGER,
            fingerprint TEXT NOT NULL,
            source      TEXT NOT NULL
        );
        CREATE INDEX findings_run ON findings(run_id);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies missing migrations in one immediate transaction, so two processes opening a fresh file do not race.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL lets readers run beside the single writer; the setting is stored in the file.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var applied = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (applied > CurrentVersion)
            throw new InvalidOperationException($"database schema version {applied} is newer than this program understands ({CurrentVersion})");

        for (var version = applied + 1; version <= CurrentVersion; version++)
        {
            command.CommandText = Migrations[version - 1];
            command.ExecuteNonQuery();
            command.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($version);";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$version", version);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }
        transaction.Commit();
    }
}
