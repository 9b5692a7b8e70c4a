using Npgsql;
using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Security.Vault;
using Rampart.Store.Postgres.Vault;

namespace Rampart.Security.Tests.Vault.Backends;

/// <summary>
/// The vault in a schema of its own on the real PostgreSQL (<c>RAMPART_TEST_POSTGRES</c>), its master
/// key file in a temporary folder, edited with real SQL.
/// </summary>
public sealed class PostgresVaultBackend : IVaultBackend
{
    private readonly List<SecretVault> _opened = [];

    private PostgresVaultBackend(string connectionString, string root, SecretVault vault)
    {
        ConnectionString = connectionString;
        Root = root;
        Vault = vault;
        _opened.Add(vault);
    }

    public string ConnectionString { get; }

    public string Root { get; }

    public string KeyPath => Path.Combine(Root, "config", "rampart", "master.key");

    public MasterKeySource Keys => new(null, KeyPath);

    public SecretVault Vault { get; }

    public static async Task<PostgresVaultBackend> CreateAsync(PostgresLedgerDatabase database)
    {
        var connectionString = await database.NewSchemaAsync();
        var root = Directory.CreateTempSubdirectory("rampart-vault-pg-").FullName;
        var storage = await PostgresVaultStorage.OpenAsync(connectionString, create: true, TestContext.Current.CancellationToken);
        return new PostgresVaultBackend(connectionString, root, new SecretVault(storage, new MasterKeySource(null, Path.Combine(root, "config", "rampart", "master.key"))));
    }

    public async Task<SecretVault> OpenAsync(MasterKeySource keys)
    {
        var vault = new SecretVault(await PostgresVaultStorage.OpenAsync(ConnectionString, create: false, TestContext.Current.CancellationToken), keys);
        _opened.Add(vault);
        return vault;
    }

    public async Task<string> DumpAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(string_agg(v::text, E'\\n'), '') FROM vault_versions v;", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> CountAsync() =>
        (int)(long)(await ScalarAsync("SELECT count(*) FROM (SELECT DISTINCT name, repository, environment, branch FROM vault_versions) s;"))!;

    public Task FlipAsync(string name, string field)
    {
        var column = field switch
        {
            "ciphertext" => "ciphertext",
            "tag" => "tag",
            "nonce" => "nonce",
            "wrappedKey" => "wrapped_key",
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        // Decode, flip the low bit of byte 0, encode again (PostgreSQL's base64 breaks lines: join them).
        return ExecuteAsync($"UPDATE vault_versions SET {column} = replace(encode(set_byte(decode({column}, 'base64'), 0, "
            + $"get_byte(decode({column}, 'base64'), 0) # 1), 'base64'), E'\\n', '') WHERE name = @name;", ("name", name));
    }

    public Task MoveAsync(string name, VaultScope to) =>
        ExecuteAsync("UPDATE vault_versions SET repository = @repository, environment = @environment, branch = @branch WHERE name = @name;",
            ("name", name), ("repository", (object?)to.Repository ?? DBNull.Value), ("environment", (object?)to.Environment ?? DBNull.Value),
            ("branch", (object?)to.Branch ?? DBNull.Value));

    public async Task<object> StealAsync(string name)
    {
        var table = "stolen_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE TABLE {table} AS SELECT * FROM vault_versions WHERE name = @name;", ("name", name));
        return table;
    }

    public Task PlantAsync(object stolen) => ExecuteAsync($"INSERT INTO vault_versions SELECT * FROM {(string)stolen};");

    public Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        PostgresLedgerDatabase.ExecuteAsync(ConnectionString, sql, parameters);

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var vault in _opened)
            vault.Dispose();
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
