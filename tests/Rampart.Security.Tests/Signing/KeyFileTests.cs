using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Tests.Signing;

public sealed class KeyFileTests : IDisposable
{
    // Low iteration count keeps the tests fast; the file records it, and Open refuses fewer than 100,000.
    private const int Iterations = 100_000;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Generate_WritesAnOwnerOnlyEncryptedKey_AndASpkiPublicKey()
    {
        var pem = KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("correct horse"), Iterations);

        var privatePath = _dir.File(KeyFile.PrivateKeyName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(_dir.File(KeyFile.PublicKeyName)), StringComparison.Ordinal);
        Assert.Equal(pem, File.ReadAllText(_dir.File(KeyFile.PublicKeyName)));
        var text = File.ReadAllText(privatePath);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.Contains("aes-256-gcm", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithThePassphrase_GivesTheSameKey()
    {
        var pem = KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("correct horse"), Iterations);
        using var signer = KeyFile.Open(_dir.File(KeyFile.PrivateKeyName), KeyProtection.Passphrase("correct horse"));
        using var key = VerificationKey.FromPem(pem);

        var signature = await signer.SignAsync("data"u8, TestContext.Current.CancellationToken);

        Assert.True(key.Verify("data"u8, signature));
    }

    [Fact]
    public void Open_WithAWrongPassphrase_FailsWithAClearReason()
    {
        KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("correct horse"), Iterations);

        var error = Assert.Throws<SigningKeyException>(() => KeyFile.Open(_dir.File(KeyFile.PrivateKeyName), KeyProtection.Passphrase("battery staple")));

        Assert.Contains("wrong passphrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Refuses_WhenThePublicKeyInTheFileWasSwapped()
    {
        KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("pw"), Iterations);
        using var other = EcdsaSigner.Generate();
        var path = _dir.File(KeyFile.PrivateKeyName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["publicKey"] = Convert.ToBase64String(other.PublicKeySpki.Span);
        File.WriteAllText(path, json.ToJsonString());

        Assert.Throws<SigningKeyException>(() => KeyFile.Open(path, KeyProtection.Passphrase("pw")));
    }

    [Theory]
    [InlineData("tag")]
    [InlineData("kdf")]
    [InlineData("nonce")]
    public void Open_Refuses_AFileWithAFieldMissing(string field)
    {
        KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("pw"), Iterations);
        var path = _dir.File(KeyFile.PrivateKeyName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove(field);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<SigningKeyException>(() => KeyFile.Open(path, KeyProtection.Passphrase("pw")));

        Assert.Contains("damaged key file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Refuses_ATruncatedOrForeignFile()
    {
        File.WriteAllText(_dir.File("k"), "-----BEGIN EC PRIVATE KEY-----\n");

        var error = Assert.Throws<SigningKeyException>(() => KeyFile.Open(_dir.File("k"), KeyProtection.Passphrase("pw")));

        Assert.Contains("not a Rampart key file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MasterKeyFile_UnlocksAKey_AndIsRefusedWhenOthersCanReadIt()
    {
        var master = _dir.File("master.key");
        KeyProtection.CreateMasterKeyFile(master);
        KeyFile.Generate(_dir.File("keys"), KeyProtection.MasterKeyFile(master));
        using (KeyFile.Open(Path.Combine(_dir.File("keys"), KeyFile.PrivateKeyName), KeyProtection.MasterKeyFile(master)))
        {
        }

        File.SetUnixFileMode(master, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<SigningKeyException>(() => KeyProtection.MasterKeyFile(master));
        Assert.Contains("readable by other users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_RefusesToOverwriteAnExistingKey()
    {
        KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("pw"), Iterations);

        Assert.Throws<SigningKeyException>(() => KeyFile.Generate(_dir.Path, KeyProtection.Passphrase("pw"), Iterations));
    }
}
