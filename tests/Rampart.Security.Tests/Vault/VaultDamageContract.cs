using Rampart.Core.Secrets;
using Rampart.Security.Tests.Vault.Backends;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>An edited store, on every storage: a clear error for that secret, never a wrong value, every other secret intact.</summary>
public abstract class VaultDamageContract
{
    private static readonly SecretScope Job = new("acme/app", null, "main");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<IVaultBackend> CreateAsync();

    private async Task<IVaultBackend> CreateWithTwoSecretsAsync()
    {
        var store = await CreateAsync();
        store.Vault.Set("VICTIM", VaultScope.Any, "victim-value-1234");
        store.Vault.Set("BYSTANDER", VaultScope.Any, "bystander-value-5678");
        return store;
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    [InlineData("wrappedKey")]
    public async Task FlippedBitInAnySealedField_IsDetected(string field)
    {
        await using var store = await CreateWithTwoSecretsAsync();
        await store.FlipAsync("VICTIM", field);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("VICTIM", Job, Token));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("VICTIM", e.Message, StringComparison.Ordinal);
        Assert.Equal("bystander-value-5678", await store.Vault.GetAsync("BYSTANDER", Job, Token));
    }

    [Fact]
    public async Task SealedValueMovedToAnotherScope_DoesNotOpen()
    {
        // An attacker with write access widens a production-only secret to every job.
        await using var store = await CreateWithTwoSecretsAsync();
        store.Vault.Set("PROD_ONLY", new VaultScope(null, "production", null), "production-value");
        await store.MoveAsync("PROD_ONLY", VaultScope.Any);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("PROD_ONLY", Job, Token));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("production-value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMasterKey_SaysWhichKeySealedTheSecret()
    {
        await using var store = await CreateWithTwoSecretsAsync();
        File.Delete(store.KeyPath);
        var other = await store.OpenAsync(new MasterKeySource(MasterKey.GenerateText(), store.KeyPath));

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => other.GetAsync("VICTIM", Job, Token));

        Assert.Contains("rotate-master", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingKeyFile_OnRead_SaysWhereItWasLooked()
    {
        await using var store = await CreateWithTwoSecretsAsync();
        File.Delete(store.KeyPath);

        var e = Assert.Throws<VaultException>(() => store.Vault.Unseal("VICTIM", Job));

        Assert.Contains(store.KeyPath, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../VICTIM")]
    [InlineData("VICTIM*")]
    [InlineData("*")]
    [InlineData("VICTIM' OR '1'='1")]
    public async Task NamesThatAreNotNames_FindNothing(string name)
    {
        await using var store = await CreateWithTwoSecretsAsync();
        Assert.Null(await store.Vault.GetAsync(name, Job, Token));
    }
}
