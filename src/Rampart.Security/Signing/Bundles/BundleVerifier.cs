using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// Verifies a Sigstore bundle against an artifact and a policy: the signature (message or DSSE),
/// the message digest against the artifact, the log entries against the trusted root, and for a
/// certificate its chain and identity. The first failure is the answer.
/// </summary>
public static class BundleVerifier
{
    public static async Task<VerificationResult> VerifyAsync(SigstoreBundle bundle, Stream? artifact, VerificationPolicy policy, CancellationToken cancellationToken)
    {
        byte[]? digest = artifact is null ? null : await SHA256.HashDataAsync(artifact, cancellationToken).ConfigureAwait(false);
        return Verify(bundle, digest, policy);
    }

    /// <summary>Verifies against an artifact digest: required for a message signature, optional for DSSE (then a subject must match it).</summary>
    public static VerificationResult Verify(SigstoreBundle bundle, byte[]? artifactSha256, VerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(policy);
        X509Certificate2? leaf = null;
        var chain = new List<X509Certificate2>();
        try
        {
            VerificationKey key;
            if (bundle.PublicKeyHint is not null)
            {
                if (policy.Key is null)
                    return VerificationResult.Fail("bundle is signed with a key, but no public key was given to verify it");
                key = policy.Key;
            }
            else
            {
                if (policy.TrustedRoot is null)
                    return VerificationResult.Fail("bundle is signed with a certificate, but no trusted root was given");
                try
                {
                    leaf = X509CertificateLoader.LoadCertificate(bundle.Certificates[0].Span);
                    chain.AddRange(bundle.Certificates.Skip(1).Select(c => X509CertificateLoader.LoadCertificate(c.Span)));
                }
                catch (CryptographicException)
                {
                    return VerificationResult.Fail("bundle's certificate is not a valid X.509 certificate");
                }

                using var ecdsa = leaf.GetECDsaPublicKey();
                if (ecdsa is null)
                    return VerificationResult.Fail("bundle's certificate does not hold an ECDSA key");
                key = VerificationKey.FromEcdsa(ecdsa);
            }

            return VerifyWithKey(bundle, artifactSha256, policy, key, leaf, chain);
        }
        finally
        {
            leaf?.Dispose();
            foreach (var certificate in chain)
                certificate.Dispose();
        }
    }

    private static VerificationResult VerifyWithKey(SigstoreBundle bundle, byte[]? artifactSha256, VerificationPolicy policy, VerificationKey key,
        X509Certificate2? leaf, List<X509Certificate2> chain)
    {
        InTotoStatement? statement = null;
        byte[] messageDigest;
        if (bundle.MessageSignature is { } message)
        {
            if (artifactSha256 is null)
                return VerificationResult.Fail("the artifact is needed to verify a message signature");
            if (message.Sha256.Length > 0 && !message.Sha256.Span.SequenceEqual(artifactSha256))
                return VerificationResult.Fail("the bundle's message digest does not match the artifact (tampered artifact or swapped bundle)");
            if (!key.VerifyDigest(artifactSha256, message.Signature.Span))
                return VerificationResult.Fail("signature does not verify with the given key over the artifact");
            messageDigest = artifactSha256;
        }
        else
        {
            var envelope = bundle.Envelope!;
            if (!envelope.VerifyWith(key))
                return VerificationResult.Fail("DSSE envelope signature does not verify with the given key");
            messageDigest = [];
            if (envelope.PayloadType == InTotoStatement.PayloadType)
            {
                try
                {
                    statement = InTotoStatement.Parse(envelope.Payload.Span);
                }
                catch (FormatException e)
                {
                    return VerificationResult.Fail($"DSSE payload is not a valid in-toto statement: {e.Message}");
                }
            }

            if (artifactSha256 is not null && !SubjectMatches(statement, artifactSha256))
                return VerificationResult.Fail("no subject of the attestation has the artifact's sha256 digest");
        }

        var material = leaf is not null ? leaf.RawData : key.Spki;
        DateTimeOffset? signedAt = null;
        var verifiedEntries = 0;
        if (policy.TrustedRoot is { } root)
        {
            foreach (var entry in bundle.TlogEntries)
            {
                var (time, error) = TlogVerifier.Verify(entry, bundle, messageDigest, material, root, policy.Now);
                if (error is not null)
                    return VerificationResult.Fail(error);
                signedAt ??= time;
                verifiedEntries++;
            }
        }

        var threshold = leaf is null ? policy.TlogThreshold : Math.Max(1, policy.TlogThreshold);
        if (verifiedEntries < threshold)
            return VerificationResult.Fail($"{verifiedEntries} verified transparency log entries; at least {threshold} required");
        if (leaf is not null && CertificateVerifier.Verify(leaf, chain, signedAt!.Value, policy) is { } certificateError)
            return VerificationResult.Fail(certificateError);
        return new VerificationResult(true, "verified") { Statement = statement, SignedAt = signedAt };
    }

    private static bool SubjectMatches(InTotoStatement? statement, byte[] sha256)
    {
        var hex = Convert.ToHexStringLower(sha256);
        return statement is not null && statement.Subjects.Any(s => s.Digest.TryGetValue("sha256", out var d) && string.Equals(d, hex, StringComparison.OrdinalIgnoreCase));
    }
}
