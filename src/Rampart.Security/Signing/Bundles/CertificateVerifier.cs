using System.Security.Cryptography.X509Certificates;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// Checks a signing certificate: it chains to a certificate authority of the trusted root (not to
/// the system's roots) at the time the log proved the signature was made, it was valid then, it is
/// for code signing, and it names the expected identity and issuer.
/// </summary>
internal static class CertificateVerifier
{
    public static string? Verify(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> bundled, DateTimeOffset signedAt, VerificationPolicy policy)
    {
        var root = policy.TrustedRoot!;
        if (bundled.Any(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData)))
            return "bundle carries a root certificate; roots come only from the trusted root";
        if (signedAt < leaf.NotBefore || signedAt > leaf.NotAfter)
            return "the signature was made outside the certificate's validity";
        var chained = false;
        foreach (var authority in root.Authorities.Where(a => a.ValidAt(signedAt)))
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = signedAt.UtcDateTime;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.3"));
            foreach (var certificate in authority.Chain)
            {
                if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                    chain.ChainPolicy.CustomTrustStore.Add(certificate);
                else
                    chain.ChainPolicy.ExtraStore.Add(certificate);
            }

            if (chain.Build(leaf))
            {
                chained = true;
                break;
            }
        }

        if (!chained)
            return "certificate does not chain to a certificate authority of the trusted root";
        if (policy.Identity is { } identity && !CertificateIdentity.SubjectAlternativeNames(leaf).Contains(identity, StringComparer.Ordinal))
            return $"certificate is not for identity '{identity}'";
        if (policy.Issuer is { } issuer && CertificateIdentity.Issuer(leaf) != issuer)
            return $"certificate was not issued for OIDC issuer '{issuer}'";
        return null;
    }
}
