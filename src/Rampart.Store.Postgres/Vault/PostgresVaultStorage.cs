using Npgsql;
using Rampart.Core.Secrets.Storage;

namespace Rampart.Store.Postgres.Vault;

/// <summary>
/// The secret vault in the service's PostgreSQL (table <c>vault_versions</c>), so replicas on several
/// hosts hand out the same secrets. Rows hold sealed versions only; the master key that opens them
/// stays outside the database. Writes are one transaction under an advisory lock that every process
/// sharing the database takes, so two writers never lose a version nor number two alike.
/// </summary>
public sealed class PostgresVaultStorage : IVaultStorage
{
    // Any constant works; it only has to be the same in every replica. ("vault" in ASCII.)
    private const long WriteLockKey = 0x7661756c74;

    private const string Columns = "name, repository, environment, branch, version, created_ms, kek, wrapped_key, nonce, ciphertext, tag";

    private readonly NpgsqlDataSource _dataSource;

    private PostgresVaultStorage(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    public string Location { get; }

    /// <summary>
    /// Opens the vault in the database <paramref name="connectionString"/> names. With <paramref name="create"/>
    /// the schema is migrated first (as <c>rampart server</c> does); without it a database that holds no
    /// vault is refused. Throws <see cref="PostgresUnavailableException"/> with one clear line (never the
    /// password) when the database cannot be used.
    /// </summary>
    public static async Task<PostgresVaultStorage> OpenAsync(string connectionString, bool create, CancellationToken cancellationToken)
    {
        var (dataSource, location) = await PgStoreDatabase.OpenAsync(connectionString, create, "vault_versions", "vault", cancellationToken).ConfigureAwait(false);
        return new PostgresVaultStorage(dataSource, location);
    }

    public IReadOnlyList<StoredSecret> Secrets(string? name)
    {
        using var connection = _dataSource.OpenConnection();
        return Read(connection, null, name, null);
    }

    public async Task<IReadOnlyList<StoredSecret>> SecretsAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Query(connection, null, name, null);
            await using (command.ConfigureAwait(false))
            {
                var secrets = new List<StoredSecret>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        Collect(secrets, reader);
                }

                return secrets;
            }
        }
    }

    public T Write<T>(Func<IVaultWriteSession, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            command.Parameters.AddWithValue("key", WriteLockKey);
            command.ExecuteNonQuery();
        }

        var result = work(new Session(this, connection, transaction));
        transaction.Commit();
        return result;
    }

    public void Dispose() => _dataSource.Dispose();

    private List<StoredSecret> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? name, (string? Repository, string? Environment, string? Branch)? scope)
    {
        using var command = Query(connection, transaction, name, scope);
        var secrets = new List<StoredSecret>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            Collect(secrets, reader);
        return secrets;
    }

    private static NpgsqlCommand Query(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? name, (string? Repository, string? Environment, string? Branch)? scope)
    {
        var where = name is null ? "" : scope is null ? " WHERE name = @name"
            : " WHERE name = @name AND repository IS NOT DISTINCT FROM @repository AND environment IS NOT DISTINCT FROM @environment AND branch IS NOT DISTINCT FROM @branch";
        var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM vault_versions{where} ORDER BY name, repository NULLS FIRST, environment NULLS FIRST, branch NULLS FIRST, version;",
            connection, transaction);
        if (name is not null)
            command.Parameters.AddWithValue("name", name);
        if (scope is { } s)
            BindScope(command.Parameters, s.Repository, s.Environment, s.Branch);
        return command;
    }

    /// <summary>Adds the reader's row to the secret it belongs to (rows come ordered by secret, then version).</summary>
    private void Collect(List<StoredSecret> secrets, NpgsqlDataReader reader)
    {
        var (rowName, repository, environment, branch) = (reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3));
        var version = new SealedSecretVersion(reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
        if (secrets.Count > 0 && secrets[^1] is var last && last.Name == rowName && last.Repository == repository
            && last.Environment == environment && last.Branch == branch)
            secrets[^1] = last with { Versions = [.. last.Versions, version] };
        else
            secrets.Add(new StoredSecret(rowName, repository, environment, branch, [version], RowLocation(rowName, repository, environment, branch)));
    }

    private string RowLocation(string name, string? repository, string? environment, string? branch)
    {
        var parts = new List<string>(3);
        if (repository is not null)
            parts.Add("repo=" + repository);
        if (environment is not null)
            parts.Add("env=" + environment);
        if (branch is not null)
            parts.Add("branch=" + branch);
        return $"{Location} vault_versions {name} ({(parts.Count == 0 ? "any" : string.Join(',', parts))})";
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void BindScope(NpgsqlParameterCollection parameters, string? repository, string? environment, string? branch)
    {
        parameters.Add(new NpgsqlParameter<string?>("repository", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = repository });
        parameters.Add(new NpgsqlParameter<string?>("environment", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = environment });
        parameters.Add(new NpgsqlParameter<string?>("branch", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = branch });
    }

    private sealed class Session(PostgresVaultStorage storage, NpgsqlConnection connection, NpgsqlTransaction transaction) : IVaultWriteSession
    {
        public IReadOnlyList<StoredSecret> Secrets(string? name) => storage.Read(connection, transaction, name, null);

        public StoredSecret? Find(string name, string? repository, string? environment, string? branch) =>
            storage.Read(connection, transaction, name, (repository, environment, branch)).FirstOrDefault();

        public void Put(StoredSecret secret)
        {
            ArgumentNullException.ThrowIfNull(secret);
            using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(DeleteCommand(secret));
            foreach (var v in secret.Versions)
            {
                var insert = new NpgsqlBatchCommand($"INSERT INTO vault_versions ({Columns}) VALUES (@name, @repository, @environment, @branch, @version, @created_ms, @kek, @wrapped_key, @nonce, @ciphertext, @tag);");
                insert.Parameters.AddWithValue("name", secret.Name);
                BindScope(insert.Parameters, secret.Repository, secret.Environment, secret.Branch);
                insert.Parameters.AddWithValue("version", v.Version);
                insert.Parameters.AddWithValue("created_ms", v.Created.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("kek", v.Kek);
                insert.Parameters.AddWithValue("wrapped_key", v.WrappedKey);
                insert.Parameters.AddWithValue("nonce", v.Nonce);
                insert.Parameters.AddWithValue("ciphertext", v.Ciphertext);
                insert.Parameters.AddWithValue("tag", v.Tag);
                batch.BatchCommands.Add(insert);
            }

            batch.ExecuteNonQuery();
        }

        public void Delete(StoredSecret secret)
        {
            ArgumentNullException.ThrowIfNull(secret);
            using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(DeleteCommand(secret));
            batch.ExecuteNonQuery();
        }

        private static NpgsqlBatchCommand DeleteCommand(StoredSecret secret)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM vault_versions WHERE name = @name AND repository IS NOT DISTINCT FROM @repository "
                + "AND environment IS NOT DISTINCT FROM @environment AND branch IS NOT DISTINCT FROM @branch;");
            delete.Parameters.AddWithValue("name", secret.Name);
            BindScope(delete.Parameters, secret.Repository, secret.Environment, secret.Branch);
            return delete;
        }
    }
}
