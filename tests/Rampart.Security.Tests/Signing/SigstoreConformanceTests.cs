namespace Rampart.Security.Tests.Signing;

/// <summary>
/// The Sigstore conformance suite's bundle-verify cases (shared test data), passing and failing.
/// Each failing case must fail for its own reason, not by accident. Not covered (see docs/signing.md):
/// Rekor v2 entries and RFC 3161 timestamps (rekor2-*, *tsa*), and SCT checks (invalid-ct-key_fail).
/// </summary>
public sealed class SigstoreConformanceTests
{
    public static TheoryData<string, string?> Cases() => new()
    {
        { "managed-key-happy-path", null },
        { "managed-key-and-trusted-root", null },
        { "managed-key-no-key_fail", "no public key was given" },
        { "managed-key-wrong-key_fail", "bad key" },
        { "dsse-invalid-sig_fail", "DSSE envelope signature does not verify" },
        { "dsse-mismatch-envelope_fail", "another DSSE payload" },
        { "dsse-mismatch-sig_fail", "other DSSE signatures" },
        { "happy-path-intoto-in-dsse-v3", null },
        { "intoto-with-custom-trust-root", null },
        { "intoto-log-entry-mismatch_fail", "other in-toto signatures" },
        { "intoto-missing-inclusion-proof_fail", "no inclusion proof" },
        { "intoto-expired-certificate_fail", "outside the certificate's validity" },
        { "intoto-set-outside-signing-cert-validity_fail", "outside the certificate's validity" },
        { "happy-path-v0.1", null },
        { "happy-path-v0.2", null },
        { "happy-path-v0.3", null },
        { "happy-path-v0.3-new-mediaType", null },
        { "trust-root-tlog-validity-end-inclusive", null },
        { "message-digest-mismatch_fail", "message digest does not match the artifact" },
        { "signature-mismatch_fail", "signature does not verify" },
        { "wrong-material_fail", "does not match the artifact" },
        { "incorrect-public-key_fail", "another key or certificate" },
        { "wrong-hashedrekord-artifact_fail", "another artifact digest" },
        { "wrong-hashedrekord-cert-and-sig_fail", "another signature" },
        { "wrong-hashedrekord-entry_fail", "another artifact digest" },
        { "bundle-empty-certificate-chain_fail", "no certificates" },
        { "bundle-from-wrong-instance_fail", "log the trusted root does not know" },
        { "bundle-invalid-base64-signature_fail", "not valid base64" },
        { "bundle-malformed-json_fail", "not valid JSON" },
        { "bundle-negative-log-index_fail", "negative logIndex" },
        { "bundle-unknown-version_fail", "unknown bundle media type" },
        { "bundle-with-root-cert_fail", "root certificate" },
        { "checkpoint-bad-keyhint_fail", "not signed by the log's key" },
        { "checkpoint-wrong-roothash_fail", "checkpoint does not match" },
        { "invalid-checkpoint-signature_fail", "not signed by the log's key" },
        { "inclusion-proof-corrupted-hash_fail", "inclusion proof does not lead" },
        { "invalid-inclusion-proof_fail", "inclusion proof does not lead" },
        { "integrated-time-in-future_fail", "outside the certificate's validity" },
        { "set-invalid-signature_fail", "signed entry timestamp does not verify" },
        { "trust-root-tlog-missing-validity-start_fail", "log the trusted root does not know" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_GivesTheSuitesAnswer(string name, string? expectedFailure)
    {
        var result = await ConformanceCase.VerifyAsync(name);

        if (expectedFailure is null)
        {
            Assert.True(result.Verified, $"{name}: {result.Reason}");
        }
        else
        {
            Assert.False(result.Verified, $"{name} verified but must fail");
            Assert.Contains(expectedFailure, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_ReturnsTheInTotoStatement_ForADsseBundle()
    {
        var result = await ConformanceCase.VerifyAsync("happy-path-intoto-in-dsse-v3");

        Assert.True(result.Verified, result.Reason);
        Assert.Equal("https://slsa.dev/provenance/v1", result.Statement!.PredicateType);
        Assert.NotNull(result.SignedAt);
    }
}
