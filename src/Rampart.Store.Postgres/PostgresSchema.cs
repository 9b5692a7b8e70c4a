using Npgsql;

namespace Rampart.Store.Postgres;

/// <summary>
/// The database shape as an ordered list of migrations, the same versions as the SQLite file's: 1 the
/// run tables, 2 the service tables, 5 the audit ledger (a no-op in the SQLite file: there the ledger
/// keeps its own file), then the secret vault (a no-op in the SQLite file: there the vault keeps its folder). <c>schema_version</c> holds the highest version applied. Add new
/// versions at the end, never edit old ones.
/// </summary>
internal static class PostgresSchema
{
    // Any constant works; it only has to be the same in every replica. ("rampart" in ASCII.)
    private const long MigrationLockKey = 0x72616d70617274;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            pipeline    text NOT NULL,
            repository  text NOT NULL,
            ref         text NOT NULL,
            commit_sha  text NOT NULL,
            event       text NOT NULL,
            status      text NOT NULL,
            started_at  timestamptz NOT NULL,
            finished_at timestamptz,
            error       text
        );
        CREATE TABLE jobs (
            run_id      bigint NOT NULL REFERENCES runs(id),
            name        text NOT NULL,
            status      text NOT NULL,
            started_at  timestamptz,
            finished_at timestamptz,
            environment text,
            error       text,
            PRIMARY KEY (run_id, name)
        );
        CREATE TABLE steps (
            run_id      bigint NOT NULL REFERENCES runs(id),
            job         text NOT NULL,
            idx         integer NOT NULL,
            name        text NOT NULL,
            status      text NOT NULL,
            exit_code   integer,
            started_at  timestamptz,
            finished_at timestamptz,
            log_path    text,
            PRIMARY KEY (run_id, job, idx)
        );
        CREATE TABLE artifacts (
            id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES runs(id),
            job    text NOT NULL,
            name   text NOT NULL,
            digest text NOT NULL,
            size   bigint NOT NULL
        );
        CREATE INDEX artifacts_run ON artifacts(run_id);
        CREATE TABLE findings (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id      bigint NOT NULL REFERENCES runs(id),
            rule_id     text NOT NULL,
            severity    text NOT NULL,
            message     text NOT NULL,
            path        text,
            line        integer,
            col         integer,
            end_line    integer,
            end_col     integer,
            fingerprint text NOT NULL,
            source      text NOT NULL
        );
        CREATE INDEX findings_run ON findings(run_id);
        """,
        """
        CREATE TABLE queue_jobs (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id           bigint NOT NULL,
            job              text NOT NULL,
            repository       text NOT NULL,
            labels           text[] NOT NULL,
            payload          text NOT NULL,
            state            text NOT NULL,
            attempt          integer NOT NULL,
            max_attempts     integer NOT NULL,
            runner_id        text,
            enqueued_at      timestamptz NOT NULL,
            claimed_at       timestamptz,
            lease_expires_at timestamptz,
            finished_at      timestamptz,
            result           text
        );
        CREATE INDEX queue_jobs_queued ON queue_jobs(enqueued_at, id) WHERE state = 'Queued';
        CREATE INDEX queue_jobs_running ON queue_jobs(repository, lease_expires_at) WHERE state = 'Running';
        CREATE INDEX queue_jobs_run ON queue_jobs(run_id, job);
        CREATE TABLE repositories (
            id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name               text NOT NULL UNIQUE,
            clone_url          text NOT NULL,
            default_branch     text NOT NULL,
            protected_branches text[] NOT NULL,
            poll_seconds       integer NOT NULL,
            created_at         timestamptz NOT NULL
        );
        CREATE TABLE users (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name          text NOT NULL UNIQUE,
            is_admin      boolean NOT NULL,
            password_hash text,
            created_at    timestamptz NOT NULL,
            disabled      boolean NOT NULL
        );
        CREATE TABLE api_tokens (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_id      bigint NOT NULL REFERENCES users(id),
            name         text NOT NULL,
            hash         text NOT NULL UNIQUE,
            prefix       text NOT NULL,
            created_at   timestamptz NOT NULL,
            expires_at   timestamptz,
            last_used_at timestamptz,
            revoked      boolean NOT NULL
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        CREATE TABLE role_bindings (
            user_id    bigint NOT NULL REFERENCES users(id),
            repository text NOT NULL,
            role       text NOT NULL,
            PRIMARY KEY (user_id, repository)
        );
        CREATE TABLE registration_tokens (
            hash       text PRIMARY KEY,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            used_at    timestamptz
        );
        CREATE TABLE runners (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name            text NOT NULL,
            labels          text[] NOT NULL,
            credential_hash text NOT NULL UNIQUE,
            ephemeral       boolean NOT NULL,
            registered_at   timestamptz NOT NULL,
            last_seen_at    timestamptz,
            removed         boolean NOT NULL
        );
        CREATE TABLE deliveries (
            provider    text NOT NULL,
            delivery_id text NOT NULL,
            received_at timestamptz NOT NULL,
            PRIMARY KEY (provider, delivery_id)
        );
        CREATE INDEX deliveries_received ON deliveries(received_at);
        CREATE TABLE run_triggers (
            run_id           bigint PRIMARY KEY REFERENCES runs(id),
            repository_id    bigint NOT NULL,
            commit_sha       text NOT NULL,
            ref              text NOT NULL,
            event            text NOT NULL,
            trusted          boolean NOT NULL,
            actor            text,
            delivery_id      text,
            lease_owner      text,
            lease_expires_at timestamptz,
            released         boolean NOT NULL DEFAULT false
        );
        CREATE TABLE log_streams (
            run_id   bigint NOT NULL,
            job      text NOT NULL,
            step     integer NOT NULL,
            last_seq bigint NOT NULL,
            PRIMARY KEY (run_id, job, step)
        );
        CREATE TABLE log_chunks (
            run_id bigint NOT NULL,
            job    text NOT NULL,
            step   integer NOT NULL,
            seq    bigint NOT NULL,
            text   text NOT NULL,
            PRIMARY KEY (run_id, job, step, seq)
        );
        """,
        """
        CREATE INDEX runs_repository ON runs(repository, id);
        CREATE INDEX runs_pipeline ON runs(repository, pipeline, id);
        """,
        """
        CREATE TABLE environments (
            repository_id         bigint NOT NULL,
            name                  text NOT NULL,
            approvers             text[] NOT NULL,
            approver_role         text,
            required_approvals    integer NOT NULL,
            prevent_self_approval boolean NOT NULL,
            wait_timer_seconds    integer NOT NULL,
            branches              text[] NOT NULL,
            supersede_queued      boolean NOT NULL,
            gitops_repository     text,
            gitops_branch         text,
            gitops_directory      text,
            gitops_artifacts      text,
            updated_at            timestamptz NOT NULL,
            updated_by            text,
            PRIMARY KEY (repository_id, name)
        );
        CREATE TABLE deployments (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            repository_id bigint NOT NULL,
            repository    text NOT NULL,
            environment   text NOT NULL,
            run_id        bigint NOT NULL,
            job           text NOT NULL,
            commit_sha    text NOT NULL,
            ref           text NOT NULL,
            actor         text,
            author        text,
            state         text NOT NULL,
            detail        text,
            requested_at  timestamptz NOT NULL,
            started_at    timestamptz,
            finished_at   timestamptz,
            UNIQUE (run_id, job)
        );
        CREATE INDEX deployments_environment ON deployments(repository_id, environment, id);
        CREATE TABLE deploy_approvals (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id      bigint NOT NULL,
            environment text NOT NULL,
            user_name   text NOT NULL,
            approved    boolean NOT NULL,
            comment     text,
            decided_at  timestamptz NOT NULL,
            UNIQUE (run_id, environment, user_name)
        );
        CREATE TABLE environment_locks (
            repository_id bigint NOT NULL,
            environment   text NOT NULL,
            deployment_id bigint,
            PRIMARY KEY (repository_id, environment)
        );
        """,
        // 5: the audit ledger, shaped like the ledger file's tables (PostgresLedgerStorage). The
        // trigger refuses edits, deletions and truncation, which stops accidents; deliberate
        // tampering by the table owner is what 'rampart ledger verify' finds.
        """
        CREATE TABLE ledger_entries (idx bigint PRIMARY KEY, body bytea NOT NULL, leaf_hash bytea NOT NULL);
        CREATE TABLE ledger_nodes (id bigint PRIMARY KEY, hash bytea NOT NULL);
        CREATE TABLE ledger_checkpoints (size bigint PRIMARY KEY, note text NOT NULL, created_ms bigint NOT NULL);
        CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME;
        END
        $$;
        CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entries
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
        CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_nodes
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
        CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
        """,
        // 6: artifacts and run attestations (PostgresArtifactStore, PostgresAttestationStore).
        // A blob is chunks keyed by its upload number; its artifact_blobs row, named by the digest,
        // is inserted in the upload's own transaction, so a half-written upload is never visible.
        // Chunks are stored uncompressed (STORAGE EXTERNAL): artifacts are mostly compressed already.
        // Readers hash every chunk again before serving a byte; the triggers only stop accidents.
        """
        CREATE SEQUENCE artifact_uploads;
        CREATE TABLE artifact_chunks (upload bigint NOT NULL, idx integer NOT NULL, data bytea NOT NULL, PRIMARY KEY (upload, idx));
        ALTER TABLE artifact_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
        CREATE TABLE artifact_blobs (
            digest    text PRIMARY KEY,
            upload    bigint NOT NULL UNIQUE,
            size      bigint NOT NULL,
            chunks    integer NOT NULL,
            stored_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE run_attestations (
            run_id        bigint NOT NULL,
            position      integer NOT NULL,
            kind          text NOT NULL,
            subject       text NOT NULL,
            name          text NOT NULL,
            bundle_digest text NOT NULL,
            bundle        bytea NOT NULL,
            PRIMARY KEY (run_id, position),
            UNIQUE (run_id, name)
        );
        CREATE FUNCTION evidence_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'stored evidence is write-once (% on %)', TG_OP, TG_TABLE_NAME;
        END
        $$;
        CREATE TRIGGER artifact_chunks_write_once BEFORE UPDATE OR DELETE OR TRUNCATE ON artifact_chunks
            FOR EACH STATEMENT EXECUTE FUNCTION evidence_write_once();
        CREATE TRIGGER artifact_blobs_write_once BEFORE UPDATE OR DELETE OR TRUNCATE ON artifact_blobs
            FOR EACH STATEMENT EXECUTE FUNCTION evidence_write_once();
        CREATE TRIGGER run_attestations_write_once BEFORE UPDATE OR DELETE OR TRUNCATE ON run_attestations
            FOR EACH STATEMENT EXECUTE FUNCTION evidence_write_once();
        """,
        // 7: the secret vault (PostgresVaultStorage): one row per sealed version, exactly as the vault
        // sealed it (base64 fields; name, scope, version and creation time are the associated data of
        // its encryption). A null scope part matches anything; '' is never a valid part, so the unique
        // key can use it for null.
        """
        CREATE TABLE vault_versions (
            name        text NOT NULL,
            repository  text,
            environment text,
            branch      text,
            version     integer NOT NULL,
            created_ms  bigint NOT NULL,
            kek         text NOT NULL,
            wrapped_key text NOT NULL,
            nonce       text NOT NULL,
            ciphertext  text NOT NULL,
            tag         text NOT NULL
        );
        CREATE UNIQUE INDEX vault_versions_key ON vault_versions (name, COALESCE(repository, ''), COALESCE(environment, ''), COALESCE(branch, ''), version);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>
    /// Applies missing migrations in one transaction under a transaction-scoped advisory lock: a
    /// second replica starting at the same moment waits, then finds nothing left to do.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction);
                command.Parameters.AddWithValue("key", MigrationLockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                command.Parameters.Clear();

                command.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
                var applied = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (applied > CurrentVersion)
                    throw new InvalidOperationException($"database schema version {applied} is newer than this program understands ({CurrentVersion})");

                for (var version = applied + 1; version <= CurrentVersion; version++)
                {
                    command.CommandText = Migrations[version - 1];
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    command.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@version);";
                    command.Parameters.AddWithValue("version", version);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    command.Parameters.Clear();
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
