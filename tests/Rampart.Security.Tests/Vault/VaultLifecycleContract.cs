using Rampart.Core.Secrets;
using Rampart.Security.Tests.Vault.Backends;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>Removal really removes, and master key rotation re-wraps everything and retires the old key, on every storage.</summary>
public abstract class VaultLifecycleContract
{
    private static readonly SecretScope Job = new("acme/app", "production", "main");

    protected abstract Task<IVaultBackend> CreateAsync();

    [Fact]
    public async Task Remove_DeletesTheSecret_AndLeavesOtherScopes()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("TOKEN", VaultScope.Any, "any-scope-value");
        store.Vault.Set("TOKEN", new VaultScope(null, "production", null), "production-value");

        Assert.Throws<VaultException>(() => store.Vault.Remove("TOKEN", null));
        Assert.Equal(1, store.Vault.Remove("TOKEN", new VaultScope(null, "production", null)));

        Assert.Equal("any-scope-value", store.Vault.Unseal("TOKEN", Job));
        Assert.Equal(1, await store.CountAsync());
        Assert.Equal(1, store.Vault.Remove("TOKEN", null));
        Assert.Null(store.Vault.Unseal("TOKEN", Job));
        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task RotateMaster_KeepsEveryValue_AndReplacesTheKeyFile()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("A_SECRET", VaultScope.Any, "first-a-value");
        store.Vault.Set("A_SECRET", VaultScope.Any, "second-a-value");
        store.Vault.Set("B_SECRET", new VaultScope(null, "production", null), "b-value-xyz");
        var oldKey = File.ReadAllText(store.KeyPath);

        var result = store.Vault.RotateMaster();

        Assert.Equal(2, result.Entries);
        Assert.Equal(3, result.Versions);
        Assert.Empty(result.Unreadable);
        Assert.NotEqual(oldKey, File.ReadAllText(store.KeyPath));
        Assert.False(File.Exists(store.Keys.NextFilePath));
        Assert.Equal("second-a-value", store.Vault.Unseal("A_SECRET", Job));
        Assert.Equal("b-value-xyz", store.Vault.Unseal("B_SECRET", Job));
        var stored = await store.DumpAsync();
        Assert.Contains(result.NewKeyId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(result.OldKeyId, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTakenBeforeRotation_CannotBeOpenedAfterIt()
    {
        // What "deletion really removes" means on storage that keeps old blocks: the old key is gone.
        await using var store = await CreateAsync();
        store.Vault.Set("A_SECRET", VaultScope.Any, "a-value-to-retire");
        var stolen = await store.StealAsync("A_SECRET");

        store.Vault.RotateMaster();
        store.Vault.Remove("A_SECRET", null);
        await store.PlantAsync(stolen);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("A_SECRET", Job, CancellationToken.None));
        Assert.Contains("rotate-master", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptedRotation_StillReadsEverything_AndFinishesOnTheNextRun()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("A_SECRET", VaultScope.Any, "a-value-1234");
        store.Vault.Set("B_SECRET", VaultScope.Any, "b-value-1234");
        // Simulate a crash: the next key exists and only one entry was re-wrapped under it.
        var next = MasterKey.GenerateText();
        File.WriteAllText(store.Keys.NextFilePath, next + "\n");
        File.SetUnixFileMode(store.Keys.NextFilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var half = await store.OpenAsync(new MasterKeySource(next, store.KeyPath));
        half.Set("C_SECRET", VaultScope.Any, "c-value-1234");

        Assert.Equal("a-value-1234", store.Vault.Unseal("A_SECRET", Job));
        Assert.Equal("c-value-1234", store.Vault.Unseal("C_SECRET", Job));

        var result = store.Vault.RotateMaster();

        Assert.Equal(MasterKey.Parse(next, "test").Id, result.NewKeyId);
        Assert.Equal(next, File.ReadAllText(store.KeyPath).Trim());
        Assert.Equal("b-value-1234", store.Vault.Unseal("B_SECRET", Job));
        Assert.Equal("c-value-1234", store.Vault.Unseal("C_SECRET", Job));
    }
}
