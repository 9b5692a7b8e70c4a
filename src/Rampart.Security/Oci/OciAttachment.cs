namespace Rampart.Security.Oci;

/// <summary>Something pushed as a referrer of an artifact: a Sigstore bundle or an SBOM.</summary>
public sealed record OciAttachment(byte[] Content, string ArtifactType, string MediaType, string FileName)
{
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>A Sigstore bundle; <paramref name="predicateType"/> is set for DSSE attestations (provenance, SBOM).</summary>
    public static OciAttachment Bundle(byte[] bundle, string fileName, string? predicateType) =>
        new(bundle, OciMediaTypes.SigstoreBundle, OciMediaTypes.SigstoreBundle, fileName)
        {
            Annotations = predicateType is null
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [OciMediaTypes.BundleContentAnnotation] = "message-signature" }
                : new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [OciMediaTypes.BundleContentAnnotation] = "dsse-envelope",
                    [OciMediaTypes.PredicateTypeAnnotation] = predicateType,
                },
        };

    public static OciAttachment Sbom(byte[] sbom, string fileName, string mediaType) => new(sbom, mediaType, mediaType, fileName);
}
