using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Tests.Signing;

/// <summary>Our own key-based bundles: what verifies, and every way of breaking one.</summary>
public sealed class BundleVerifierTests : IDisposable
{
    private static readonly byte[] Artifact = "app v1.2.3 binary"u8.ToArray();
    private readonly EcdsaSigner _signer = EcdsaSigner.Generate();
    private readonly VerificationKey _key;

    public BundleVerifierTests()
    {
        _key = VerificationKey.FromSpki(_signer.PublicKeySpki.Span);
    }

    public void Dispose()
    {
        _key.Dispose();
        _signer.Dispose();
    }

    [Fact]
    public async Task Bundle_WeWrite_IsV03WithAKeyHintAndNoLogEntries()
    {
        var json = JsonNode.Parse(BundleJson.Serialize(await SignAsync(Artifact)))!;

        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", (string?)json["mediaType"]);
        Assert.Equal(_key.Hint, (string?)json["verificationMaterial"]!["publicKey"]!["hint"]);
        Assert.Empty(json["verificationMaterial"]!["tlogEntries"]!.AsArray());
        Assert.Equal("SHA2_256", (string?)json["messageSignature"]!["messageDigest"]!["algorithm"]);
    }

    [Fact]
    public async Task Verify_Succeeds_ForTheSignedArtifact()
    {
        var bundle = BundleJson.Parse(BundleJson.Serialize(await SignAsync(Artifact)));

        var result = BundleVerifier.Verify(bundle, SHA256.HashData(Artifact), new VerificationPolicy { Key = _key });

        Assert.True(result.Verified, result.Reason);
    }

    [Fact]
    public async Task Verify_Fails_ForATamperedArtifact()
    {
        var bundle = await SignAsync(Artifact);

        var result = BundleVerifier.Verify(bundle, SHA256.HashData("app v1.2.3 binary!"u8), new VerificationPolicy { Key = _key });

        Assert.False(result.Verified);
        Assert.Contains("message digest does not match the artifact", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenTheDigestHintIsForgedToMatchATamperedArtifact()
    {
        var tampered = "evil"u8.ToArray();
        var bundle = await SignAsync(Artifact);
        var forged = bundle with { MessageSignature = bundle.MessageSignature! with { Sha256 = SHA256.HashData(tampered) } };

        var result = BundleVerifier.Verify(forged, SHA256.HashData(tampered), new VerificationPolicy { Key = _key });

        Assert.False(result.Verified);
        Assert.Contains("signature does not verify", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_ForABundleSwappedFromAnotherArtifact()
    {
        var other = await SignAsync("another artifact"u8.ToArray());

        var result = BundleVerifier.Verify(other, SHA256.HashData(Artifact), new VerificationPolicy { Key = _key });

        Assert.False(result.Verified);
    }

    [Fact]
    public async Task Verify_Fails_WithTheWrongKey()
    {
        var bundle = await SignAsync(Artifact);
        using var stranger = EcdsaSigner.Generate();
        using var wrong = VerificationKey.FromSpki(stranger.PublicKeySpki.Span);

        var result = BundleVerifier.Verify(bundle, SHA256.HashData(Artifact), new VerificationPolicy { Key = wrong });

        Assert.False(result.Verified);
        Assert.Contains("does not verify with the given key", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_ForAStatementWhoseSubjectIsAnotherArtifact()
    {
        var statement = new InTotoStatement([InTotoSubject.Sha256("app", Convert.ToHexStringLower(SHA256.HashData("other"u8)))], "https://slsa.dev/provenance/v1", []);
        var bundle = await BundleSigner.SignStatementAsync(_signer, statement, TestContext.Current.CancellationToken);

        var result = BundleVerifier.Verify(bundle, SHA256.HashData(Artifact), new VerificationPolicy { Key = _key });

        Assert.False(result.Verified);
        Assert.Contains("no subject", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Fails_WhenTheEnvelopePayloadWasEdited()
    {
        var statement = new InTotoStatement([InTotoSubject.Sha256("app", Convert.ToHexStringLower(SHA256.HashData(Artifact)))], "https://slsa.dev/provenance/v1", []);
        var bundle = await BundleSigner.SignStatementAsync(_signer, statement, TestContext.Current.CancellationToken);
        var edited = statement with { PredicateType = "https://example.test/other" };
        var forged = bundle with { Envelope = bundle.Envelope! with { Payload = edited.ToBytes() } };

        var result = BundleVerifier.Verify(forged, null, new VerificationPolicy { Key = _key });

        Assert.False(result.Verified);
        Assert.Contains("DSSE envelope signature does not verify", result.Reason, StringComparison.Ordinal);
    }

    private async Task<SigstoreBundle> SignAsync(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return await BundleSigner.SignArtifactAsync(_signer, stream, TestContext.Current.CancellationToken);
    }
}
