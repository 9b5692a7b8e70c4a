namespace Rampart.Security.Oci;

/// <summary>The media and artifact types Rampart writes to registries (see docs/signing.md, "OCI layout").</summary>
public static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string Empty = "application/vnd.oci.empty.v1+json";

    /// <summary>The artifact type of a file pushed with <c>rampart push</c>.</summary>
    public const string RampartFile = "application/vnd.rampart.file.v1";
    public const string OctetStream = "application/octet-stream";

    /// <summary>Signatures and attestations travel as Sigstore bundles (the layout cosign uses for OCI 1.1 referrers).</summary>
    public const string SigstoreBundle = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public const string CycloneDx = "application/vnd.cyclonedx+json";
    public const string Spdx = "application/spdx+json";

    public const string TitleAnnotation = "org.opencontainers.image.title";
    public const string CreatedAnnotation = "org.opencontainers.image.created";
    public const string PredicateTypeAnnotation = "dev.sigstore.bundle.predicateType";
    public const string BundleContentAnnotation = "dev.sigstore.bundle.content";
}
