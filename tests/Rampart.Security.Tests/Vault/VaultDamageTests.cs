using Rampart.Core.Secrets;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>A damaged or truncated entry file: a clear error for that secret, every other secret intact (files only; see <see cref="VaultDamageContract"/>).</summary>
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

    [Fact]
    public async Task SettingADamagedSecretAgain_RepairsIt()
    {
        await File.WriteAllTextAsync(_temp.EntryFile("VICTIM"), "{\"versions\":[", TestContext.Current.CancellationToken);

        _temp.Vault.Set("VICTIM", VaultScope.Any, "victim-value-repaired");

        Assert.Equal("victim-value-repaired", await _temp.Vault.GetAsync("VICTIM", Job, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void RotateMaster_ReportsDamagedEntries_AndStillRotatesTheRest()
    {
        File.WriteAllText(_temp.EntryFile("VICTIM"), "{\"format\":1,");

        var result = _temp.Vault.RotateMaster();

        Assert.Contains("VICTIM", Assert.Single(result.Unreadable), StringComparison.Ordinal);
        Assert.Equal("bystander-value-5678", _temp.Vault.Unseal("BYSTANDER", Job));
    }

    public void Dispose() => _temp.Dispose();
}
