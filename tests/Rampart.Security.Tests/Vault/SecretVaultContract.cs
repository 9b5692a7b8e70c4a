using System.Text;
using Rampart.Core.Secrets;
using Rampart.Security.Tests.Vault.Backends;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>Setting, versioning and scoping secrets, the same on every vault storage.</summary>
public abstract class SecretVaultContract
{
    private const string Value = "s3cr3t-value-for-tests-0123456789";
    private static readonly SecretScope MainJob = new("acme/app", null, "main");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract Task<IVaultBackend> CreateAsync();

    [Fact]
    public async Task Set_ThenGet_ReturnsValue_AndCreatesPrivateKeyFileOutsideTheStore()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("DEPLOY_TOKEN", VaultScope.Any, Value);

        Assert.Equal(Value, await store.Vault.GetAsync("DEPLOY_TOKEN", MainJob, Token));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
    }

    [Fact]
    public async Task Store_HoldsNoFormOfTheValueNorTheMasterKey()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("DEPLOY_TOKEN", VaultScope.Any, Value);
        var key = File.ReadAllText(store.KeyPath).Trim();

        var text = await store.DumpAsync();

        Assert.Contains("DEPLOY_TOKEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(Value)), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_AddsVersions_AndGetReturnsTheNewest_KeepingAtMostTheLimit()
    {
        await using var store = await CreateAsync();
        for (var i = 1; i <= SecretVault.MaxVersions + 3; i++)
            Assert.Equal(i, store.Vault.Set("API_KEY", VaultScope.Any, $"value-number-{i}"));

        Assert.Equal($"value-number-{SecretVault.MaxVersions + 3}", await store.Vault.GetAsync("API_KEY", MainJob, Token));
        var info = Assert.Single(store.Vault.List());
        Assert.Equal(SecretVault.MaxVersions, info.Versions);
        Assert.Equal(SecretVault.MaxVersions + 3, info.LatestVersion);
        Assert.Null(info.Problem);
    }

    [Fact]
    public async Task TwoVaultsSettingOneSecretAtOnce_LoseNoVersion_AndNumberNoneTwice()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("SHARED", VaultScope.Any, "value-before-the-race");
        var other = await store.OpenAsync(store.Keys);
        const int Each = 6;

        var first = Task.Run(() => Enumerable.Range(0, Each).Select(i => store.Vault.Set("SHARED", VaultScope.Any, $"first-writer-{i}")).ToList(), Token);
        var second = Task.Run(() => Enumerable.Range(0, Each).Select(i => other.Set("SHARED", VaultScope.Any, $"second-writer-{i}")).ToList(), Token);
        var numbers = (await first).Concat(await second).Order().ToList();

        Assert.Equal(Enumerable.Range(2, 2 * Each), numbers);
        var info = Assert.Single(store.Vault.List());
        Assert.Equal(1 + (2 * Each), info.LatestVersion);
        Assert.Equal(SecretVault.MaxVersions, info.Versions);
        Assert.StartsWith(numbers[^1] == (await first)[^1] ? "first-writer-" : "second-writer-", store.Vault.Unseal("SHARED", MainJob), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionSecret_IsNotReadable_ByJobWithoutThatEnvironment()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password");

        Assert.Null(await store.Vault.GetAsync("DB_PASSWORD", MainJob, Token));
        Assert.Null(await store.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "staging" }, Token));
        Assert.Equal("production-password", await store.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "production" }, Token));
    }

    [Fact]
    public async Task EnvironmentSecret_WinsOverRepositoryWideOne()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("DB_PASSWORD", new VaultScope("acme/*", null, null), "shared-password");
        store.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password");

        Assert.Equal("shared-password", await store.Vault.GetAsync("DB_PASSWORD", MainJob, Token));
        Assert.Equal("production-password", await store.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "production" }, Token));
        Assert.Null(await store.Vault.GetAsync("DB_PASSWORD", new SecretScope("other/app", null, "main"), Token));
    }

    [Theory]
    [InlineData("release/1.0", true)]
    [InlineData("release/1/hotfix", false)]
    [InlineData("main", false)]
    public async Task BranchPattern_LimitsTheSecret(string branch, bool visible)
    {
        await using var store = await CreateAsync();
        store.Vault.Set("SIGN_KEY", new VaultScope(null, null, "release/*"), Value);

        var value = await store.Vault.GetAsync("SIGN_KEY", MainJob with { Branch = branch }, Token);

        Assert.Equal(visible ? Value : null, value);
    }

    [Fact]
    public async Task BranchPattern_NeverMatchesADetachedCommit()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("SIGN_KEY", new VaultScope(null, null, "**"), Value);

        Assert.Null(await store.Vault.GetAsync("SIGN_KEY", MainJob with { Branch = null }, Token));
    }

    [Fact]
    public async Task TwoEquallySpecificMatches_FailClearly()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("TOKEN", new VaultScope(null, null, "ma*"), "first-value");
        store.Vault.Set("TOKEN", new VaultScope(null, null, "*in"), "second-value");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => store.Vault.GetAsync("TOKEN", MainJob, Token));

        Assert.Contains("ambiguous", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("first-value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("   ab   ")]
    public async Task Set_RefusesValuesTooShortToMask(string value)
    {
        await using var store = await CreateAsync();
        var e = Assert.Throws<VaultException>(() => store.Vault.Set("SHORT", VaultScope.Any, value));
        Assert.Contains("mask", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync());
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("RAMPART_TOKEN")]
    [InlineData("A-B")]
    [InlineData("../../X")]
    public async Task Set_RefusesBadNames(string name)
    {
        await using var store = await CreateAsync();
        Assert.Throws<VaultException>(() => store.Vault.Set(name, VaultScope.Any, Value));
    }

    [Fact]
    public async Task KeyFileReadableByOthers_IsRefused()
    {
        await using var store = await CreateAsync();
        store.Vault.Set("A_SECRET", VaultScope.Any, Value);
        File.SetUnixFileMode(store.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<VaultException>(() => store.Vault.Set("B_SECRET", VaultScope.Any, Value));

        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineKey_WorksWithoutAnyKeyFile()
    {
        await using var store = await CreateAsync();
        var keys = new MasterKeySource(MasterKey.GenerateText(), Path.Combine(store.Root, "absent.key"));
        var vault = await store.OpenAsync(keys);

        vault.Set("A_SECRET", VaultScope.Any, Value);

        Assert.Equal(Value, await vault.GetAsync("A_SECRET", MainJob, Token));
        Assert.False(File.Exists(keys.FilePath));
    }
}
