using Rampart.Core.Secrets;
using Rampart.Security.Vault;

namespace Rampart.Security.Tests.Vault;

/// <summary>Removal really removes, and master key rotation re-wraps everything and retires the old key.</summary>
public sealed class VaultLifecycleTests : IDisposable
{
    private static readonly SecretScope Job = new("acme/app", "production", "main");
    private readonly TempVault _temp = new();

    [Fact]
    public void Remove_DeletesTheEntryFile_AndLeavesOtherScopes()
    {
        _temp.Vault.Set("TOKEN", VaultScope.Any, "any-scope-value");
        _temp.Vault.Set("TOKEN", new VaultScope(null, "production", null), "production-value");

        Assert.Throws<VaultException>(() => _temp.Vault.Remove("TOKEN", null));
        Assert.Equal(1, _temp.Vault.Remove("TOKEN", new VaultScope(null, "production", null)));

        Assert.Equal("any-scope-value", _temp.Vault.Unseal("TOKEN", Job));
        Assert.Single(_temp.EntryFiles());
        Assert.Equal(1, _temp.Vault.Remove("TOKEN", null));
        Assert.Null(_temp.Vault.Unseal("TOKEN", Job));
        Assert.Empty(_temp.EntryFiles());
    }

    [Fact]
    public void RotateMaster_KeepsEveryValue_AndReplacesTheKeyFile()
    {
        _temp.Vault.Set("A_SECRET", VaultScope.Any, "first-a-value");
        _temp.Vault.Set("A_SECRET", VaultScope.Any, "second-a-value");
        _temp.Vault.Set("B_SECRET", new VaultScope(null, "production", null), "b-value-xyz");
        var oldKey = File.ReadAllText(_temp.KeyPath);

        var result = _temp.Vault.RotateMaster();

        Assert.Equal(2, result.Entries);
        Assert.Equal(3, result.Versions);
        Assert.Empty(result.Unreadable);
        Assert.NotEqual(oldKey, File.ReadAllText(_temp.KeyPath));
        Assert.False(File.Exists(_temp.Keys.NextFilePath));
        Assert.Equal("second-a-value", _temp.Vault.Unseal("A_SECRET", Job));
        Assert.Equal("b-value-xyz", _temp.Vault.Unseal("B_SECRET", Job));
        Assert.All(_temp.EntryFiles(), f => Assert.DoesNotContain(result.OldKeyId, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void CopyTakenBeforeRotation_CannotBeOpenedAfterIt()
    {
        // What "deletion really removes" means on storage that keeps old blocks: the old key is gone.
        _temp.Vault.Set("A_SECRET", VaultScope.Any, "a-value-to-retire");
        var stolen = File.ReadAllBytes(_temp.EntryFile("A_SECRET"));

        _temp.Vault.RotateMaster();
        _temp.Vault.Remove("A_SECRET", null);
        File.WriteAllBytes(Path.Combine(_temp.EntriesDirectory, EntryFiles.FileName("A_SECRET", VaultScope.Any)), stolen);

        Assert.Throws<SecretSourceException>(() => _temp.Vault.GetAsync("A_SECRET", Job, CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public void InterruptedRotation_StillReadsEverything_AndFinishesOnTheNextRun()
    {
        _temp.Vault.Set("A_SECRET", VaultScope.Any, "a-value-1234");
        _temp.Vault.Set("B_SECRET", VaultScope.Any, "b-value-1234");
        // Simulate a crash: the next key exists and only one entry was re-wrapped under it.
        var next = MasterKey.GenerateText();
        File.WriteAllText(_temp.Keys.NextFilePath, next + "\n");
        File.SetUnixFileMode(_temp.Keys.NextFilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var half = new SecretVault(SecretVault.DirectoryIn(_temp.State), new MasterKeySource(next, _temp.KeyPath));
        half.Set("C_SECRET", VaultScope.Any, "c-value-1234");

        Assert.Equal("a-value-1234", _temp.Vault.Unseal("A_SECRET", Job));
        Assert.Equal("c-value-1234", _temp.Vault.Unseal("C_SECRET", Job));

        var result = _temp.Vault.RotateMaster();

        Assert.Equal(MasterKey.Parse(next, "test").Id, result.NewKeyId);
        Assert.Equal(next, File.ReadAllText(_temp.KeyPath).Trim());
        Assert.Equal("b-value-1234", _temp.Vault.Unseal("B_SECRET", Job));
        Assert.Equal("c-value-1234", _temp.Vault.Unseal("C_SECRET", Job));
    }

    [Fact]
    public void RotateMaster_ReportsDamagedEntries_AndStillRotatesTheRest()
    {
        _temp.Vault.Set("A_SECRET", VaultScope.Any, "a-value-1234");
        _temp.Vault.Set("B_SECRET", VaultScope.Any, "b-value-1234");
        File.WriteAllText(_temp.EntryFile("A_SECRET"), "{\"format\":1,");

        var result = _temp.Vault.RotateMaster();

        Assert.Contains("A_SECRET", Assert.Single(result.Unreadable), StringComparison.Ordinal);
        Assert.Equal("b-value-1234", _temp.Vault.Unseal("B_SECRET", Job));
    }

    public void Dispose() => _temp.Dispose();
}
