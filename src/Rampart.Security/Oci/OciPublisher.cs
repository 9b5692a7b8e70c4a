using System.Globalization;
using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>
/// Pushes a file as an OCI artifact (manifest v1.1, <c>artifactType</c>) with its bundles and SBOMs
/// as referrers (<c>subject</c>), and pulls it back with them.
/// </summary>
public sealed class OciPublisher
{
    private readonly OciRegistryClient _client;
    private readonly TimeProvider _time;

    public OciPublisher(OciRegistryClient client, TimeProvider? time = null)
    {
        _client = client;
        _time = time ?? TimeProvider.System;
    }

    public async Task<PushResult> PushAsync(OciReference target, string filePath, IReadOnlyList<OciAttachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(attachments);
        Digest digest;
        long size;
        await using (var content = File.OpenRead(filePath))
        {
            digest = await Digest.Sha256Async(content, cancellationToken).ConfigureAwait(false);
            size = content.Length;
            content.Position = 0;
            await _client.PushBlobAsync(target, content, digest, size, cancellationToken).ConfigureAwait(false);
        }

        await _client.PushBlobAsync(target, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var layer = new OciDescriptor(OciMediaTypes.OctetStream, digest, size)
        {
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [OciMediaTypes.TitleAnnotation] = Path.GetFileName(filePath) },
        };
        var manifest = new OciManifest(OciMediaTypes.RampartFile, [layer]) { Annotations = Created() }.ToBytes();
        var reference = target.Tag ?? target.Digest?.ToString() ?? "latest";
        var (manifestDigest, _) = await _client.PushManifestAsync(target, reference, manifest, OciMediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
        var subject = new OciDescriptor(OciMediaTypes.ImageManifest, manifestDigest, manifest.Length);

        var referrers = new List<Digest>();
        var usedFallback = false;
        foreach (var attachment in attachments)
        {
            await _client.PushBlobAsync(target, attachment.Content, cancellationToken).ConfigureAwait(false);
            var attachmentLayer = new OciDescriptor(attachment.MediaType, Digest.Sha256(attachment.Content), attachment.Content.Length)
            {
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [OciMediaTypes.TitleAnnotation] = attachment.FileName },
            };
            var annotations = new Dictionary<string, string>(Created(), StringComparer.Ordinal);
            foreach (var (key, value) in attachment.Annotations ?? new Dictionary<string, string>())
                annotations[key] = value;
            var referrer = new OciManifest(attachment.ArtifactType, [attachmentLayer]) { Subject = subject, Annotations = annotations }.ToBytes();
            var referrerDigest = Digest.Sha256(referrer);
            var (_, subjectAccepted) = await _client.PushManifestAsync(target, referrerDigest.ToString(), referrer, OciMediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
            if (!subjectAccepted)
            {
                usedFallback = true;
                var descriptor = new OciDescriptor(OciMediaTypes.ImageManifest, referrerDigest, referrer.Length) { ArtifactType = attachment.ArtifactType, Annotations = annotations };
                await _client.AddToFallbackTagAsync(target, manifestDigest, descriptor, cancellationToken).ConfigureAwait(false);
            }

            referrers.Add(referrerDigest);
        }

        return new PushResult(manifestDigest, referrers, usedFallback);
    }

    /// <summary>Streams the artifact's single layer into <paramref name="destination"/> and fetches every referrer's content.</summary>
    public async Task<PulledArtifact> PullAsync(OciReference source, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fetched = await _client.GetManifestAsync(source, source.Reference, cancellationToken).ConfigureAwait(false)
            ?? throw new OciException($"{source}: not found in the registry");
        var manifest = OciManifest.Parse(fetched.Bytes);
        if (manifest.Layers.Count != 1)
            throw new OciException($"{source}: expected an artifact with one layer, found {manifest.Layers.Count}");
        var layer = manifest.Layers[0];
        await _client.GetBlobAsync(source, layer, destination, cancellationToken).ConfigureAwait(false);

        var (referrers, _) = await _client.ListReferrersAsync(source, fetched.Digest, cancellationToken).ConfigureAwait(false);
        var attachments = new List<OciAttachment>();
        foreach (var referrer in referrers.Where(r => r.MediaType == OciMediaTypes.ImageManifest).Take(64))
        {
            var referrerManifest = await _client.GetManifestAsync(source, referrer.Digest.ToString(), cancellationToken).ConfigureAwait(false);
            if (referrerManifest is null)
                continue;
            var parsed = OciManifest.Parse(referrerManifest.Value.Bytes);
            if (parsed.Subject?.Digest != fetched.Digest || parsed.Layers.Count != 1)
                continue;
            var bytes = await _client.GetSmallBlobAsync(source, parsed.Layers[0], cancellationToken).ConfigureAwait(false);
            var name = parsed.Layers[0].Annotations?.GetValueOrDefault(OciMediaTypes.TitleAnnotation) ?? parsed.Layers[0].Digest.Hex;
            attachments.Add(new OciAttachment(bytes, parsed.ArtifactType, parsed.Layers[0].MediaType, name) { Annotations = parsed.Annotations });
        }

        return new PulledArtifact(fetched.Digest, layer.Annotations?.GetValueOrDefault(OciMediaTypes.TitleAnnotation), layer.Digest, attachments);
    }

    private Dictionary<string, string> Created() => new(StringComparer.Ordinal)
    {
        [OciMediaTypes.CreatedAnnotation] = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}
