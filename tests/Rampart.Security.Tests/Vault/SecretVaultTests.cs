using System.Text;
using Rampart.Core.Secrets;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

public sealed class SecretVaultTests : IDisposable
{
    private const string Value = "s3cr3t-value-for-tests-0123456789";
    private static readonly SecretScope MainJob = new("acme/app", null, "main");
    private readonly TempVault _temp = new();

    [Fact]
    public async Task Set_ThenGet_ReturnsValue_AndCreatesPrivateKeyFileOutsideTheStore()
    {
        _temp.Vault.Set("DEPLOY_TOKEN", VaultScope.Any, Value);

        Assert.Equal(Value, await _temp.Vault.GetAsync("DEPLOY_TOKEN", MainJob, TestContext.Current.CancellationToken));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_temp.KeyPath));
        Assert.False(_temp.KeyPath.StartsWith(_temp.State, StringComparison.Ordinal));
    }

    [Fact]
    public void Store_HoldsNoFormOfTheValueNorTheMasterKey()
    {
        _temp.Vault.Set("DEPLOY_TOKEN", VaultScope.Any, Value);
        var key = File.ReadAllText(_temp.KeyPath).Trim();

        foreach (var file in Directory.GetFiles(SecretVault.DirectoryIn(_temp.State), "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(Value, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)), text, StringComparison.Ordinal);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Set_AddsVersions_AndGetReturnsTheNewest_KeepingAtMostTheLimit()
    {
        for (var i = 1; i <= SecretVault.MaxVersions + 3; i++)
            Assert.Equal(i, _temp.Vault.Set("API_KEY", VaultScope.Any, $"value-number-{i}"));

        Assert.Equal($"value-number-{SecretVault.MaxVersions + 3}", await _temp.Vault.GetAsync("API_KEY", MainJob, TestContext.Current.CancellationToken));
        var info = Assert.Single(_temp.Vault.List());
        Assert.Equal(SecretVault.MaxVersions, info.Versions);
        Assert.Equal(SecretVault.MaxVersions + 3, info.LatestVersion);
        Assert.Null(info.Problem);
    }

    [Fact]
    public async Task ProductionSecret_IsNotReadable_ByJobWithoutThatEnvironment()
    {
        _temp.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password");

        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await _temp.Vault.GetAsync("DB_PASSWORD", MainJob, ct));
        Assert.Null(await _temp.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "staging" }, ct));
        Assert.Equal("production-password", await _temp.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "production" }, ct));
    }

    [Fact]
    public async Task EnvironmentSecret_WinsOverRepositoryWideOne()
    {
        _temp.Vault.Set("DB_PASSWORD", new VaultScope("acme/*", null, null), "shared-password");
        _temp.Vault.Set("DB_PASSWORD", new VaultScope(null, "production", null), "production-password");

        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("shared-password", await _temp.Vault.GetAsync("DB_PASSWORD", MainJob, ct));
        Assert.Equal("production-password", await _temp.Vault.GetAsync("DB_PASSWORD", MainJob with { Environment = "production" }, ct));
        Assert.Null(await _temp.Vault.GetAsync("DB_PASSWORD", new SecretScope("other/app", null, "main"), ct));
    }

    [Theory]
    [InlineData("release/1.0", true)]
    [InlineData("release/1/hotfix", false)]
    [InlineData("main", false)]
    public async Task BranchPattern_LimitsTheSecret(string branch, bool visible)
    {
        _temp.Vault.Set("SIGN_KEY", new VaultScope(null, null, "release/*"), Value);

        var value = await _temp.Vault.GetAsync("SIGN_KEY", MainJob with { Branch = branch }, TestContext.Current.CancellationToken);

        Assert.Equal(visible ? Value : null, value);
    }

    [Fact]
    public async Task BranchPattern_NeverMatchesADetachedCommit()
    {
        _temp.Vault.Set("SIGN_KEY", new VaultScope(null, null, "**"), Value);

        Assert.Null(await _temp.Vault.GetAsync("SIGN_KEY", MainJob with { Branch = null }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TwoEquallySpecificMatches_FailClearly()
    {
        _temp.Vault.Set("TOKEN", new VaultScope(null, null, "ma*"), "first-value");
        _temp.Vault.Set("TOKEN", new VaultScope(null, null, "*in"), "second-value");

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => _temp.Vault.GetAsync("TOKEN", MainJob, TestContext.Current.CancellationToken));

        Assert.Contains("ambiguous", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("first-value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("   ab   ")]
    public void Set_RefusesValuesTooShortToMask(string value)
    {
        var e = Assert.Throws<VaultException>(() => _temp.Vault.Set("SHORT", VaultScope.Any, value));
        Assert.Contains("mask", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("RAMPART_TOKEN")]
    [InlineData("A-B")]
    [InlineData("../../X")]
    public void Set_RefusesBadNames(string name) =>
        Assert.Throws<VaultException>(() => _temp.Vault.Set(name, VaultScope.Any, Value));

    [Fact]
    public void KeyFileReadableByOthers_IsRefused()
    {
        _temp.Vault.Set("A_SECRET", VaultScope.Any, Value);
        File.SetUnixFileMode(_temp.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<VaultException>(() => _temp.Vault.Set("B_SECRET", VaultScope.Any, Value));

        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineKey_WorksWithoutAnyKeyFile()
    {
        var keys = new MasterKeySource(MasterKey.GenerateText(), Path.Combine(_temp.Root, "absent.key"));
        var vault = new SecretVault(SecretVault.DirectoryIn(_temp.State), keys);

        vault.Set("A_SECRET", VaultScope.Any, Value);

        Assert.Equal(Value, await vault.GetAsync("A_SECRET", MainJob, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(keys.FilePath));
    }

    public void Dispose() => _temp.Dispose();
}
