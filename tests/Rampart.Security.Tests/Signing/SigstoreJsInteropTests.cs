using System.Text.Json.Nodes;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Tests.Interop;

namespace Rampart.Security.Tests.Signing;

/// <summary>Our bundles handed to sigstore-js (@sigstore/verify), key-based, log and timestamp thresholds 0.</summary>
public sealed class SigstoreJsInteropTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly EcdsaSigner _signer = EcdsaSigner.Generate();

    public void Dispose()
    {
        _signer.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task SigstoreJs_VerifiesOurMessageSignatureBundle()
    {
        var (bundle, key, artifact) = await SignFileAsync("release payload\n"u8.ToArray());

        var result = await NodeScript.RunAsync("verify-bundle.mjs", [bundle, key, artifact], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("verified", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigstoreJs_VerifiesOurDsseBundle()
    {
        var statement = new InTotoStatement([InTotoSubject.Sha256("app.tar", new string('a', 64))], "https://slsa.dev/provenance/v1", new JsonObject { ["x"] = 1 });
        var bundle = await BundleSigner.SignStatementAsync(_signer, statement, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(_dir.File("att.json"), BundleJson.Serialize(bundle), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_dir.File("key.pub"), VerificationKey.ToPem(_signer.PublicKeySpki.Span), TestContext.Current.CancellationToken);

        var result = await NodeScript.RunAsync("verify-bundle.mjs", [_dir.File("att.json"), _dir.File("key.pub")], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task SigstoreJs_RejectsOurBundle_ForATamperedArtifact()
    {
        var (bundle, key, artifact) = await SignFileAsync("release payload\n"u8.ToArray());
        await File.WriteAllTextAsync(artifact, "release payload, altered\n", TestContext.Current.CancellationToken);

        var result = await NodeScript.RunAsync("verify-bundle.mjs", [bundle, key, artifact], TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task SigstoreJs_RejectsOurBundle_WithAnotherKey()
    {
        var (bundle, _, artifact) = await SignFileAsync("release payload\n"u8.ToArray());
        using var other = EcdsaSigner.Generate();
        await File.WriteAllTextAsync(_dir.File("other.pub"), VerificationKey.ToPem(other.PublicKeySpki.Span), TestContext.Current.CancellationToken);

        var result = await NodeScript.RunAsync("verify-bundle.mjs", [bundle, _dir.File("other.pub"), artifact], TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
    }

    private async Task<(string Bundle, string Key, string Artifact)> SignFileAsync(byte[] content)
    {
        var artifact = _dir.File("artifact.bin");
        await File.WriteAllBytesAsync(artifact, content, TestContext.Current.CancellationToken);
        await using var stream = File.OpenRead(artifact);
        var bundle = await BundleSigner.SignArtifactAsync(_signer, stream, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(_dir.File("artifact.sigstore.json"), BundleJson.Serialize(bundle), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_dir.File("key.pub"), VerificationKey.ToPem(_signer.PublicKeySpki.Span), TestContext.Current.CancellationToken);
        return (_dir.File("artifact.sigstore.json"), _dir.File("key.pub"), artifact);
    }
}
