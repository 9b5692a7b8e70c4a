using System.Text.Json.Nodes;
using Rampart.Core.Signing;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Tests.Provenance;

/// <summary>Deploy-time verification of a signed run, and every way of fooling it.</summary>
public sealed class RunVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_Allows_AnUntouchedSignedRun()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"), ("lib.bin", "v1-lib"));

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.True(verdict.Allowed, verdict.Reason);
    }

    [Fact]
    public async Task Verify_Refuses_ATamperedArtifact()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        run.Store.Tamper(run.Artifacts[0].Digest, "v1 with a backdoor"u8.ToArray());

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("was altered in the store", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ASwappedSignatureBundle()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"), ("lib.bin", "lib"));
        File.Copy(run.BundlePath(AttestationKind.Signature, "lib.bin"), run.BundlePath(AttestationKind.Signature, "app.bin"), overwrite: true);

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("artifact 'app.bin'", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("does not match the artifact", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_WithAnotherPublicKey()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        using var other = EcdsaSigner.Generate();
        using var wrong = VerificationKey.FromSpki(other.PublicKeySpki.Span);

        var verdict = await new Rampart.Security.Signing.Runs.RunVerifier(wrong, run.State, SignedRun.Builder).VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("does not verify with the given key", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceWhoseSubjectDigestDoesNotMatch()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        await ResignProvenanceAsync(run, s => s with { Subjects = [InTotoSubject.Sha256("app.bin", new string('0', 64))] });

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("does not name the artifact's digest", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceFromAnotherRepository()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        await ResignProvenanceAsync(run, s => Edit(s, p => p["buildDefinition"]!["externalParameters"]!["source"]!["repository"] = "git+file:///src/fork"));

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("from repository 'git+file:///src/fork'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceFromAnotherRef()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        await ResignProvenanceAsync(run, s => Edit(s, p => p["buildDefinition"]!["externalParameters"]!["source"]!["ref"] = "refs/heads/evil"));

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("from ref 'refs/heads/evil'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceFromAnotherBuilder()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));

        var verdict = await run.Verifier("https://rampart.example/builders/other").VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("made by builder", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceEditedWithoutResigning()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        var path = run.BundlePath(AttestationKind.Provenance);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var statement = InTotoStatement.Parse(Convert.FromBase64String((string)json["dsseEnvelope"]!["payload"]!));
        var edited = Edit(statement, p => p["runDetails"]!["metadata"]!["invocationId"] = "forged");
        json["dsseEnvelope"]!["payload"] = Convert.ToBase64String(edited.ToBytes());
        File.WriteAllText(path, json.ToJsonString());

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("provenance: DSSE envelope signature does not verify", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ProvenanceWrittenBySomeoneElse_EvenWhenItsContentIsRight()
    {
        // What a step could at best produce: a correct-looking statement, signed with a key of its own.
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        var path = run.BundlePath(AttestationKind.Provenance);
        var genuine = BundleVerifier.Verify(BundleJson.Parse(File.ReadAllBytes(path)), null, new VerificationPolicy { Key = run.Key }).Statement!;
        using var stepKey = EcdsaSigner.Generate();
        await File.WriteAllBytesAsync(path, BundleJson.Serialize(await BundleSigner.SignStatementAsync(stepKey, genuine, Ct)), Ct);

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("provenance: DSSE envelope signature does not verify", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_AnIndexPointingOutsideTheStateFolder()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        var index = Path.Combine(run.State, "attestations", "7", "index.json");
        await File.WriteAllTextAsync(index, (await File.ReadAllTextAsync(index, Ct)).Replace("attestations/7/provenance.sigstore.json", "../../etc/passwd", StringComparison.Ordinal), Ct);

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("leaves the state folder", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ARunThatWasNeverSigned()
    {
        using var run = await SignedRun.CreateAsync(("app.bin", "v1"));
        Directory.Delete(Path.Combine(run.State, "attestations"), recursive: true);

        var verdict = await run.Verifier().VerifyRunAsync(run.Run, run.Source, run.Artifacts, run.Store, Ct);

        Assert.False(verdict.Allowed);
        Assert.Contains("has no signatures or provenance", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>Signs a different statement with the real key: only the content checks can catch it.</summary>
    private static async Task ResignProvenanceAsync(SignedRun run, Func<InTotoStatement, InTotoStatement> change)
    {
        var path = run.BundlePath(AttestationKind.Provenance);
        var original = BundleVerifier.Verify(BundleJson.Parse(File.ReadAllBytes(path)), null, new VerificationPolicy { Key = run.Key }).Statement!;
        var bundle = await BundleSigner.SignStatementAsync(run.Signer, change(original), Ct);
        await File.WriteAllBytesAsync(path, BundleJson.Serialize(bundle), Ct);
    }

    private static InTotoStatement Edit(InTotoStatement statement, Action<JsonObject> edit)
    {
        var predicate = (JsonObject)statement.Predicate.DeepClone();
        edit(predicate);
        return statement with { Predicate = predicate };
    }
}
