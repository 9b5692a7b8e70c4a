using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Rampart.Security.Signing.Bundles;

/// <summary>Reads the signer's identity from a Fulcio certificate: SAN (URI or e-mail) and OIDC issuer extension.</summary>
internal static class CertificateIdentity
{
    private const string IssuerV1 = "1.3.6.1.4.1.57264.1.1";
    private const string IssuerV2 = "1.3.6.1.4.1.57264.1.8";

    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
                continue;
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 6)
                    names.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                else
                    reader.ReadEncodedValue();
            }
        }

        return names;
    }

    public static string? Issuer(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == IssuerV2)
                return new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        }

        return certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == IssuerV1) is { } v1 ? Encoding.UTF8.GetString(v1.RawData) : null;
    }
}
