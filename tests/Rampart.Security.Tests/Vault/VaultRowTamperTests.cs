using Rampart.Core.Secrets;
using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Security.Tests.Vault.Backends;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>
/// Someone with write access to the vault's table moves sealed values between rows with real SQL:
/// the envelope binds name, scope, version and creation time, so each edit is refused, never decrypted
/// into another secret's place.
/// </summary>
public sealed class VaultRowTamperTests(PostgresLedgerDatabase database) : IClassFixture<PostgresLedgerDatabase>
{
    private const string SealedColumns = "created_ms, kek, wrapped_key, nonce, ciphertext, tag";
    private static readonly SecretScope Job = new("acme/app", "production", "main");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CiphertextCopiedIntoAnotherSecretsRow_IsRefused_NotOpenedAsThatSecret()
    {
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("PROD_DB", new VaultScope(null, "production", null), "production-db-password");
        store.Vault.Set("PUBLIC_NOTE", VaultScope.Any, "nothing-secret-here");

        // Put the production secret's sealed fields into the row of a secret every job may read.
        await store.ExecuteAsync($"UPDATE vault_versions AS v SET ({SealedColumns}) = (SELECT {SealedColumns} FROM vault_versions WHERE name = 'PROD_DB') "
            + "WHERE v.name = 'PUBLIC_NOTE';");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("PUBLIC_NOTE", Job with { Environment = null }, Token));
        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("PUBLIC_NOTE", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("production-db-password", e.Message, StringComparison.Ordinal);
        Assert.Equal("production-db-password", await store.Vault.GetAsync("PROD_DB", Job, Token));
    }

    [Theory]
    [InlineData("name = 'STAGING_TOKEN'", "STAGING_TOKEN", "production")]
    [InlineData("environment = 'staging'", "PROD_TOKEN", "staging")]
    [InlineData("repository = 'acme/*'", "PROD_TOKEN", "production")]
    [InlineData("environment = NULL", "PROD_TOKEN", "staging")]
    public async Task RowMovedToAnotherNameOrScope_IsRefused(string change, string name, string environment)
    {
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("PROD_TOKEN", new VaultScope(null, "production", null), "production-token-value");
        await store.ExecuteAsync($"UPDATE vault_versions SET {change} WHERE name = 'PROD_TOKEN';");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync(name, Job with { Environment = environment }, Token));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionNumberRewound_IsRefused()
    {
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-version-one");
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-version-two");
        await store.ExecuteAsync("DELETE FROM vault_versions WHERE name = 'API_KEY' AND version = 1; "
            + "UPDATE vault_versions SET version = 1 WHERE name = 'API_KEY' AND version = 2;");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("API_KEY", Job, Token));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldVersionRenumberedAsTheNewest_IsRefused_NotHandedOut()
    {
        // A replaced (perhaps leaked) value must not come back as the current one.
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-leaked-old");
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-current-new");
        await store.ExecuteAsync("UPDATE vault_versions SET version = 3 WHERE name = 'API_KEY' AND version = 1;");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("API_KEY", Job, Token));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("api-key-leaked-old", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreationTimeEdited_IsRefused()
    {
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-value-1234");
        await store.ExecuteAsync("UPDATE vault_versions SET created_ms = created_ms + 1 WHERE name = 'API_KEY';");

        await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("API_KEY", Job, Token));
    }

    [Fact]
    public async Task SettingAgainAfterTampering_StoresAGoodNewVersion()
    {
        await using var store = await PostgresVaultBackend.CreateAsync(database);
        store.Vault.Set("API_KEY", VaultScope.Any, "api-key-value-1234");
        await store.FlipAsync("API_KEY", "ciphertext");

        Assert.Equal(2, store.Vault.Set("API_KEY", VaultScope.Any, "api-key-value-repaired"));

        Assert.Equal("api-key-value-repaired", await store.Vault.GetAsync("API_KEY", Job, Token));
    }
}
