using System.Text.Json.Nodes;
using Rampart.Core.Secrets;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>A damaged, truncated or edited store: a clear error for that secret, every other secret intact.</summary>
public sealed class VaultDamageTests : IDisposable
{
    private static readonly SecretScope Job = new("acme/app", null, "main");
    private readonly TempVault _temp = new();

    public VaultDamageTests()
    {
        _temp.Vault.Set("VICTIM", VaultScope.Any, "victim-value-1234");
        _temp.Vault.Set("BYSTANDER", VaultScope.Any, "bystander-value-5678");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task TruncatedEntry_GivesClearError_AndLosesNoOtherSecret(int keep)
    {
        var file = _temp.EntryFile("VICTIM");
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(file, bytes[..keep], TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => _temp.Vault.GetAsync("VICTIM", Job, TestContext.Current.CancellationToken));

        Assert.Contains("VICTIM", e.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal("bystander-value-5678", await _temp.Vault.GetAsync("BYSTANDER", Job, TestContext.Current.CancellationToken));
        var listed = _temp.Vault.List();
        Assert.NotNull(Assert.Single(listed, i => i.Name == "VICTIM").Problem);
        Assert.Null(Assert.Single(listed, i => i.Name == "BYSTANDER").Problem);
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    [InlineData("wrappedKey")]
    public async Task FlippedBitInAnySealedField_IsDetected(string field)
    {
        var file = _temp.EntryFile("VICTIM");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        var version = json["versions"]![0]!;
        var bytes = Convert.FromBase64String(version[field]!.GetValue<string>());
        bytes[0] ^= 0x01;
        version[field] = Convert.ToBase64String(bytes);
        await File.WriteAllTextAsync(file, json.ToJsonString(), TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => _temp.Vault.GetAsync("VICTIM", Job, TestContext.Current.CancellationToken));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
        Assert.Equal("bystander-value-5678", await _temp.Vault.GetAsync("BYSTANDER", Job, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SealedValueMovedToAnotherScope_DoesNotOpen()
    {
        // An attacker with write access widens a production-only secret to every job.
        _temp.Vault.Set("PROD_ONLY", new VaultScope(null, "production", null), "production-value");
        var file = _temp.EntryFile("PROD_ONLY");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        json["scope"] = new JsonObject();
        File.Delete(file);
        await File.WriteAllTextAsync(Path.Combine(_temp.EntriesDirectory, EntryFiles.FileName("PROD_ONLY", VaultScope.Any)), json.ToJsonString(), TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => _temp.Vault.GetAsync("PROD_ONLY", Job, TestContext.Current.CancellationToken));

        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMasterKey_SaysWhichKeySealedTheSecret()
    {
        File.Delete(_temp.KeyPath);
        var other = new SecretVault(SecretVault.DirectoryIn(_temp.State), new MasterKeySource(MasterKey.GenerateText(), _temp.KeyPath));

        var e = await Assert.ThrowsAsync<SecretSourceException>(() => other.GetAsync("VICTIM", Job, TestContext.Current.CancellationToken));

        Assert.Contains("rotate-master", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKeyFile_OnRead_SaysWhereItWasLooked()
    {
        File.Delete(_temp.KeyPath);

        var e = Assert.Throws<VaultException>(() => _temp.Vault.Unseal("VICTIM", Job));

        Assert.Contains(_temp.KeyPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingADamagedSecretAgain_RepairsIt()
    {
        await File.WriteAllTextAsync(_temp.EntryFile("VICTIM"), "{\"versions\":[", TestContext.Current.CancellationToken);

        _temp.Vault.Set("VICTIM", VaultScope.Any, "victim-value-repaired");

        Assert.Equal("victim-value-repaired", await _temp.Vault.GetAsync("VICTIM", Job, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("../VICTIM")]
    [InlineData("VICTIM*")]
    [InlineData("*")]
    public async Task NamesThatAreNotNames_FindNothing(string name) =>
        Assert.Null(await _temp.Vault.GetAsync(name, Job, TestContext.Current.CancellationToken));

    public void Dispose() => _temp.Dispose();
}
