using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Oci;

/// <summary>
/// Decides whether a pulled artifact may be used: a signature bundle among its referrers must verify
/// with the key over the artifact's bytes; with expectations, a provenance bundle must verify too
/// and name the artifact, the builder and the source.
/// </summary>
public static class PullVerifier
{
    public static VerificationResult Verify(PulledArtifact pulled, VerificationKey key, ProvenanceExpectations? expectations)
    {
        ArgumentNullException.ThrowIfNull(pulled);
        ArgumentNullException.ThrowIfNull(key);
        var digest = Convert.FromHexString(pulled.ContentDigest.Hex);
        var bundles = new List<SigstoreBundle>();
        foreach (var attachment in pulled.Attachments.Where(a => a.ArtifactType == OciMediaTypes.SigstoreBundle))
        {
            try
            {
                bundles.Add(BundleJson.Parse(attachment.Content));
            }
            catch (FormatException)
            {
                // A malformed referrer proves nothing; other referrers may still verify.
            }
        }

        var signatures = bundles.Where(b => b.MessageSignature is not null).ToList();
        if (signatures.Count == 0)
            return VerificationResult.Fail("the artifact has no signature bundle among its referrers");
        var policy = new VerificationPolicy { Key = key };
        var signed = signatures.Select(b => BundleVerifier.Verify(b, digest, policy)).ToList();
        if (!signed.Any(r => r.Verified))
            return VerificationResult.Fail("no signature verifies: " + signed[0].Reason);
        if (expectations is null)
            return signed.First(r => r.Verified);

        string? last = null;
        foreach (var bundle in bundles.Where(b => b.Envelope is not null))
        {
            var result = BundleVerifier.Verify(bundle, digest, policy);
            if (!result.Verified || result.Statement?.PredicateType != SlsaProvenance.PredicateType)
            {
                last ??= result.Verified ? null : result.Reason;
                continue;
            }

            last = ProvenanceVerifier.Check(result.Statement, expectations);
            if (last is null)
                return result;
        }

        return VerificationResult.Fail("provenance: " + (last ?? "the artifact has no SLSA provenance among its referrers"));
    }
}
