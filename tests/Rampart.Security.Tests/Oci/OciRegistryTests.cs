using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Security.Oci;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Tests.Signing;

namespace Rampart.Security.Tests.Oci;

/// <summary>Push and pull against a real registry without a referrers API: the fallback tag carries the referrers.</summary>
public sealed class OciRegistryTests : IClassFixture<RegistryFixture>, IDisposable
{
    private const string Builder = "https://rampart.example/builders/test";
    private const string Repository = "git+file:///src/app";
    private readonly RegistryFixture _registry;
    private readonly TempDir _dir = new();
    private readonly EcdsaSigner _signer = EcdsaSigner.Generate();
    private readonly VerificationKey _key;
    private readonly OciRegistryClient _client;

    public OciRegistryTests(RegistryFixture registry)
    {
        _registry = registry;
        _key = VerificationKey.FromSpki(_signer.PublicKeySpki.Span);
        _client = new OciRegistryClient(registry.Http);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _key.Dispose();
        _signer.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Push_ThenPull_RoundTripsTheBytes_AndFindsReferrersThroughTheFallbackTag()
    {
        var target = Ref("roundtrip/app:1.0");
        var (file, attachments) = await ReleaseAsync("app.bin", "release bits v1");

        var pushed = await Publisher().PushAsync(target, file, attachments, Ct);
        using var pulledBytes = new MemoryStream();
        var pulled = await Publisher().PullAsync(target, pulledBytes, Ct);

        Assert.True(pushed.UsedFallbackTag);
        Assert.Equal("release bits v1", System.Text.Encoding.UTF8.GetString(pulledBytes.ToArray()));
        Assert.Equal(pushed.Manifest, pulled.Manifest);
        Assert.Equal("app.bin", pulled.FileName);
        Assert.Equal(3, pulled.Attachments.Count);
        Assert.True(PullVerifier.Verify(pulled, _key, Expect(pulled)).Verified);
    }

    [Fact]
    public async Task Push_WritesAnArtifactManifestV11_AndReferrersWithASubject()
    {
        var target = Ref("layout/app:1.0");
        var (file, attachments) = await ReleaseAsync("app.bin", "layout bits");
        var pushed = await Publisher().PushAsync(target, file, attachments, Ct);

        var manifest = JsonNode.Parse((await _client.GetManifestAsync(target, "1.0", Ct))!.Value.Bytes)!;
        var index = JsonNode.Parse((await _client.GetManifestAsync(target, OciRegistryClient.FallbackTag(pushed.Manifest), Ct))!.Value.Bytes)!;
        var referrer = JsonNode.Parse((await _client.GetManifestAsync(target, pushed.Referrers[0].ToString(), Ct))!.Value.Bytes)!;

        Assert.Equal(OciMediaTypes.ImageManifest, (string?)manifest["mediaType"]);
        Assert.Equal(OciMediaTypes.RampartFile, (string?)manifest["artifactType"]);
        Assert.Equal(OciMediaTypes.Empty, (string?)manifest["config"]!["mediaType"]);
        Assert.Equal(3, index["manifests"]!.AsArray().Count);
        Assert.All(index["manifests"]!.AsArray(), m => Assert.NotNull((string?)m!["artifactType"]));
        Assert.Equal(pushed.Manifest.ToString(), (string?)referrer["subject"]!["digest"]);
        Assert.Equal(OciMediaTypes.SigstoreBundle, (string?)referrer["artifactType"]);
    }

    [Fact]
    public async Task Pull_Refuses_ABlobTheRegistryServesAltered()
    {
        var target = Ref("tampered/app:1.0");
        var (file, attachments) = await ReleaseAsync("app.bin", "original content");
        await Publisher().PushAsync(target, file, attachments, Ct);
        var blob = _registry.BlobDataPath(Digest.Sha256("original content"u8));
        await File.WriteAllTextAsync(blob, "evil content 12", Ct);

        var error = await Assert.ThrowsAsync<OciException>(() => Publisher().PullAsync(target, new MemoryStream(), Ct));

        Assert.Contains("served other content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullVerify_Fails_ForASignatureFromAnotherArtifact()
    {
        var target = Ref("swapped/app:1.0");
        var (file, _) = await ReleaseAsync("app.bin", "the real artifact");
        var (_, otherAttachments) = await ReleaseAsync("other.bin", "some other artifact");
        await Publisher().PushAsync(target, file, [otherAttachments[0]], Ct);

        var pulled = await Publisher().PullAsync(target, new MemoryStream(), Ct);
        var result = PullVerifier.Verify(pulled, _key, null);

        Assert.False(result.Verified);
        Assert.Contains("no signature verifies", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullVerify_Fails_WithAnotherKey_AndForProvenanceFromAnotherRepository()
    {
        var target = Ref("checks/app:1.0");
        var (file, attachments) = await ReleaseAsync("app.bin", "checked artifact");
        await Publisher().PushAsync(target, file, attachments, Ct);
        var pulled = await Publisher().PullAsync(target, new MemoryStream(), Ct);
        using var other = EcdsaSigner.Generate();
        using var wrongKey = VerificationKey.FromSpki(other.PublicKeySpki.Span);

        var wrongKeyResult = PullVerifier.Verify(pulled, wrongKey, null);
        var wrongRepo = PullVerifier.Verify(pulled, _key, Expect(pulled) with { SourceRepository = "git+file:///src/fork" });

        Assert.False(wrongKeyResult.Verified);
        Assert.False(wrongRepo.Verified);
        Assert.Contains("from repository", wrongRepo.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushBlob_IsIdempotent_AndUsesTheTwoStepUpload()
    {
        var target = Ref("blobs/app");
        var content = RandomNumberGenerator.GetBytes(300_000);

        await _client.PushBlobAsync(target, content, Ct);
        await _client.PushBlobAsync(target, content, Ct);

        Assert.True(await _client.BlobExistsAsync(target, Digest.Sha256(content), Ct));
        Assert.Equal(content, await File.ReadAllBytesAsync(_registry.BlobDataPath(Digest.Sha256(content)), Ct));
    }

    private OciPublisher Publisher() => new(_client);

    private OciReference Ref(string path) => OciReference.Parse($"{_registry.Address}/{path}");

    private static ProvenanceExpectations Expect(PulledArtifact pulled) =>
        new(pulled.ContentDigest.Hex, Builder, Repository) { SourceRef = "refs/heads/main" };

    /// <summary>A file with its signature bundle, signed provenance and a CycloneDX SBOM, as a release would have.</summary>
    private async Task<(string File, List<OciAttachment> Attachments)> ReleaseAsync(string name, string content)
    {
        var file = _dir.File(name);
        await File.WriteAllTextAsync(file, content, Ct);
        await using var stream = File.OpenRead(file);
        var signature = await BundleSigner.SignArtifactAsync(_signer, stream, Ct);
        var hex = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
        var predicate = new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = SlsaProvenance.BuildType,
                ["externalParameters"] = new JsonObject { ["source"] = new JsonObject { ["repository"] = Repository, ["ref"] = "refs/heads/main" } },
            },
            ["runDetails"] = new JsonObject { ["builder"] = new JsonObject { ["id"] = Builder } },
        };
        var provenance = await BundleSigner.SignStatementAsync(_signer, new InTotoStatement([InTotoSubject.Sha256(name, hex)], SlsaProvenance.PredicateType, predicate), Ct);
        return (file,
        [
            OciAttachment.Bundle(BundleJson.Serialize(signature), name + ".sigstore.json", null),
            OciAttachment.Bundle(BundleJson.Serialize(provenance), "provenance.sigstore.json", SlsaProvenance.PredicateType),
            OciAttachment.Sbom("""{"bomFormat":"CycloneDX","specVersion":"1.6"}"""u8.ToArray(), "bom.cdx.json", OciMediaTypes.CycloneDx),
        ]);
    }
}
