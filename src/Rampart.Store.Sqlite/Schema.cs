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
        // 2: the service's tables (job queue, repositories, access, runners, deliveries, triggers, logs).
        // Label lists are JSON arrays of strings; booleans are 0/1.
        """
        CREATE TABLE queue_jobs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id           INTEGER NOT NULL,
            job              TEXT NOT NULL,
            repository       TEXT NOT NULL,
            labels           TEXT NOT NULL,
            payload          TEXT NOT NULL,
            state            TEXT NOT NULL,
            attempt          INTEGER NOT NULL,
            max_attempts     INTEGER NOT NULL,
            runner_id        TEXT,
            enqueued_at      TEXT NOT NULL,
            claimed_at       TEXT,
            lease_expires_at TEXT,
            finished_at      TEXT,
            result           TEXT
        );
        CREATE INDEX queue_jobs_state ON queue_jobs(state, enqueued_at, id);
        CREATE INDEX queue_jobs_repository ON queue_jobs(repository, state);
        CREATE INDEX queue_jobs_run ON queue_jobs(run_id, job);
        CREATE TABLE repositories (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            name               TEXT NOT NULL UNIQUE,
            clone_url          TEXT NOT NULL,
            default_branch     TEXT NOT NULL,
            protected_branches TEXT NOT NULL,
            poll_seconds       INTEGER NOT NULL,
            created_at         TEXT NOT NULL
        );
        CREATE TABLE users (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            name          TEXT NOT NULL UNIQUE,
            is_admin      INTEGER NOT NULL,
            password_hash TEXT,
            created_at    TEXT NOT NULL,
            disabled      INTEGER NOT NULL
        );
        CREATE TABLE api_tokens (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id      INTEGER NOT NULL REFERENCES users(id),
            name         TEXT NOT NULL,
            hash         TEXT NOT NULL UNIQUE,
            prefix       TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            expires_at   TEXT,
            last_used_at TEXT,
            revoked      INTEGER NOT NULL
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        CREATE TABLE role_bindings (
            user_id    INTEGER NOT NULL REFERENCES users(id),
            repository TEXT NOT NULL,
            role       TEXT NOT NULL,
            PRIMARY KEY (user_id, repository)
        );
        CREATE TABLE registration_tokens (
            hash       TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT
        );
        CREATE TABLE runners (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            name            TEXT NOT NULL,
            labels          TEXT NOT NULL,
            credential_hash TEXT NOT NULL UNIQUE,
            ephemeral       INTEGER NOT NULL,
            registered_at   TEXT NOT NULL,
            last_seen_at    TEXT,
            removed         INTEGER NOT NULL
        );
        CREATE TABLE deliveries (
            provider    TEXT NOT NULL,
            delivery_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (provider, delivery_id)
        );
        CREATE INDEX deliveries_received ON deliveries(received_at);
        CREATE TABLE run_triggers (
            run_id           INTEGER PRIMARY KEY REFERENCES runs(id),
            repository_id    INTEGER NOT NULL,
            commit_sha       TEXT NOT NULL,
            ref              TEXT NOT NULL,
            event            TEXT NOT NULL,
            trusted          INTEGER NOT NULL,
            actor            TEXT,
            delivery_id      TEXT,
            lease_owner      TEXT,
            lease_expires_at TEXT,
            released         INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE log_chunks (
            run_id INTEGER NOT NULL,
            job    TEXT NOT NULL,
            step   INTEGER NOT NULL,
            seq    INTEGER NOT NULL,
            text   TEXT NOT NULL,
            PRIMARY KEY (run_id, job, step, seq)
        );
        """,
        """
        CREATE INDEX runs_repository ON runs(repository, id);
        CREATE INDEX runs_pipeline ON runs(repository, pipeline, id);
        """,
        """
        CREATE TABLE environments (
            repository_id         INTEGER NOT NULL,
            name                  TEXT NOT NULL,
            approvers             TEXT NOT NULL,
            approver_role         TEXT,
            required_approvals    INTEGER NOT NULL,
            prevent_self_approval INTEGER NOT NULL,
            wait_timer_seconds    INTEGER NOT NULL,
            branches              TEXT NOT NULL,
            supersede_queued      INTEGER NOT NULL,
            gitops_repository     TEXT,
            gitops_branch         TEXT,
            gitops_directory      TEXT,
            gitops_artifacts      TEXT,
            updated_at            TEXT NOT NULL,
            updated_by            TEXT,
            PRIMARY KEY (repository_id, name)
        );
        CREATE TABLE deployments (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            repository_id INTEGER NOT NULL,
            repository    TEXT NOT NULL,
            environment   TEXT NOT NULL,
            run_id        INTEGER NOT NULL,
            job           TEXT NOT NULL,
            commit_sha    TEXT NOT NULL,
            ref           TEXT NOT NULL,
            actor         TEXT,
            author        TEXT,
            state         TEXT NOT NULL,
            detail        TEXT,
            requested_at  TEXT NOT NULL,
            started_at    TEXT,
            finished_at   TEXT,
            UNIQUE (run_id, job)
        );
        CREATE INDEX deployments_environment ON deployments(repository_id, environment, id);
        CREATE TABLE deploy_approvals (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id      INTEGER NOT NULL,
            environment TEXT NOT NULL,
            user_name   TEXT NOT NULL,
            approved    INTEGER NOT NULL,
            comment     TEXT,
            decided_at  TEXT NOT NULL,
            UNIQUE (run_id, environment, user_name)
        );
        CREATE TABLE environment_locks (
            repository_id INTEGER NOT NULL,
            environment   TEXT NOT NULL,
            deployment_id INTEGER,
            PRIMARY KEY (repository_id, environment)
        );
        """,
        // 5: the audit ledger's tables on PostgreSQL. Nothing here: beside a SQLite database the
        // ledger keeps its own file (ledger.db); the version is kept so both databases count alike.
        "SELECT 1;",
        // 6: artifacts and run attestations in PostgreSQL. Nothing here: beside a SQLite database
        // they stay in the state folder (artifacts/, attestations/); the version keeps both counts alike.
        "SELECT 1;",
        // 7: the secret vault's table on PostgreSQL. Nothing here: beside a SQLite database the vault
        // keeps its own folder (vault/); the version is kept so both databases count alike.
        "SELECT 1;",
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
