using Rampart.Security.Signing.Dsse;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// A Sigstore bundle: verification material (a public key hint, or a certificate, plus log
/// entries) and the content (a message signature or a DSSE envelope). Exactly one content is set.
/// </summary>
public sealed record SigstoreBundle
{
    public const string MediaTypeV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>The media types this reader accepts; anything else is refused as an unknown version.</summary>
    public static IReadOnlySet<string> KnownMediaTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/vnd.dev.sigstore.bundle+json;version=0.1",
        "application/vnd.dev.sigstore.bundle+json;version=0.2",
        "application/vnd.dev.sigstore.bundle+json;version=0.3",
        MediaTypeV03,
    };

    public string MediaType { get; init; } = MediaTypeV03;

    public string? PublicKeyHint { get; init; }

    /// <summary>The signing certificate (DER), then any chain certificates the bundle carried.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Certificates { get; init; } = [];

    public IReadOnlyList<TlogEntry> TlogEntries { get; init; } = [];

    public MessageSignature? MessageSignature { get; init; }

    public DsseEnvelope? Envelope { get; init; }
}
