using System.Text.Json.Nodes;
using Rampart.Core.Signing;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;

namespace Rampart.Security.Tests.Provenance;

public sealed class ProvenanceContentTests
{
    [Fact]
    public async Task Provenance_IsSignedSlsaV1_WithTheEnginesRecordsOfTheRun()
    {
        using var run = await SignedRun.CreateAsync(("app.tar.gz", "binary"), ("notes.txt", "notes"));
        var bundle = BundleJson.Parse(File.ReadAllBytes(run.BundlePath(AttestationKind.Provenance)));

        var result = BundleVerifier.Verify(bundle, null, new VerificationPolicy { Key = run.Key });

        Assert.True(result.Verified, result.Reason);
        var statement = result.Statement!;
        Assert.Equal("https://slsa.dev/provenance/v1", statement.PredicateType);
        Assert.Equal(["app.tar.gz", "notes.txt"], statement.Subjects.Select(s => s.Name));
        Assert.Equal(run.Artifacts[0].Digest.Hex, statement.Subjects[0].Digest["sha256"]);
        var p = statement.Predicate;
        Assert.Equal(SlsaProvenance.BuildType, (string?)p["buildDefinition"]!["buildType"]);
        var external = p["buildDefinition"]!["externalParameters"]!;
        Assert.Equal("git+file:///src/app", (string?)external["source"]!["repository"]);
        Assert.Equal("refs/heads/main", (string?)external["source"]!["ref"]);
        Assert.Equal(".rampart/pipeline.yml", (string?)external["pipeline"]!["path"]);
        Assert.Equal(run.Source.PipelineDigest.Hex, (string?)external["pipeline"]!["digest"]!["sha256"]);
        Assert.Equal("push", (string?)external["trigger"]!["event"]);
        Assert.Equal(new string('c', 40), (string?)p["buildDefinition"]!["resolvedDependencies"]![0]!["digest"]!["gitCommit"]);
        Assert.Equal(SignedRun.Builder, (string?)p["runDetails"]!["builder"]!["id"]);
        Assert.Equal(SignedRun.Builder + "/runs/7", (string?)p["runDetails"]!["metadata"]!["invocationId"]);
        Assert.Equal("2026-01-02T03:04:05Z", (string?)p["runDetails"]!["metadata"]!["startedOn"]);
        Assert.Equal("2026-01-02T03:06:05Z", (string?)p["runDetails"]!["metadata"]!["finishedOn"]);
        Assert.Equal("logs/build/01-compile.log", (string?)p["runDetails"]!["byproducts"]![0]!["name"]);
    }

    [Fact]
    public async Task Signer_WritesAnSbomAttestation_WhenAnArtifactIsACycloneDxBom()
    {
        using var run = await SignedRun.CreateAsync(("app.tar.gz", "binary"), ("bom.json", """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}"""));

        var record = Assert.Single(run.Attestations, a => a.Kind == AttestationKind.Sbom);
        var result = BundleVerifier.Verify(BundleJson.Parse(File.ReadAllBytes(run.BundlePath(AttestationKind.Sbom))), null, new VerificationPolicy { Key = run.Key });

        Assert.Equal("bom.json", record.Subject);
        Assert.True(result.Verified, result.Reason);
        Assert.Equal("https://cyclonedx.org/bom", result.Statement!.PredicateType);
        Assert.Equal("app.tar.gz", Assert.Single(result.Statement.Subjects).Name);
        Assert.Equal("CycloneDX", (string?)result.Statement.Predicate["bomFormat"]);
    }

    [Fact]
    public async Task Signer_WritesOneSignaturePerArtifact_AndAnIndex()
    {
        using var run = await SignedRun.CreateAsync(("a.bin", "a"), ("b.bin", "b"));

        Assert.Equal(2, run.Attestations.Count(a => a.Kind == AttestationKind.Signature));
        Assert.Single(run.Attestations, a => a.Kind == AttestationKind.Provenance);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(run.State, "attestations", "7", "index.json")))!;
        Assert.Equal(3, index["attestations"]!.AsArray().Count);
    }
}
