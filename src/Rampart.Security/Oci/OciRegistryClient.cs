using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>
/// A client for the OCI distribution API (v1.1): blobs, manifests, and referrers, with the
/// <c>sha256-&lt;hex&gt;</c> tag fallback for registries without the referrers API. Every byte
/// read back is checked against the digest it was asked for.
/// </summary>
public sealed class OciRegistryClient
{
    public const long MaxManifestBytes = 4L * 1024 * 1024;
    private static readonly string ManifestAccept = $"{OciMediaTypes.ImageManifest}, {OciMediaTypes.ImageIndex}";
    private readonly HttpClient _http;

    public OciRegistryClient(HttpClient http)
    {
        _http = http;
    }

    public static Uri BaseUri(OciReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new Uri($"{(reference.IsLoopback ? "http" : "https")}://{reference.Registry}/v2/{reference.Repository}/");
    }

    public async Task<bool> BlobExistsAsync(OciReference repository, Digest digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(BaseUri(repository), $"blobs/{digest}"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Uploads a blob in two requests (POST for a session, then PUT with the digest), unless the registry has it.</summary>
    public async Task PushBlobAsync(OciReference repository, Stream content, Digest digest, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await BlobExistsAsync(repository, digest, cancellationToken).ConfigureAwait(false))
            return;
        Uri location;
        using (var start = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri(repository), "blobs/uploads/")))
        using (var response = await _http.SendAsync(start, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(response, HttpStatusCode.Accepted, $"start upload to {repository.Repository}", cancellationToken).ConfigureAwait(false);
            location = response.Headers.Location ?? throw new OciException("registry started an upload without a Location");
            if (!location.IsAbsoluteUri)
                location = new Uri(BaseUri(repository), location);
        }

        var separator = location.Query.Length > 0 ? "&" : "?";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest.ToString())));
        put.Content = new StreamContent(content);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.OctetStream);
        put.Content.Headers.ContentLength = size;
        using var done = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(done, HttpStatusCode.Created, $"upload blob {digest}", cancellationToken).ConfigureAwait(false);
    }

    public async Task PushBlobAsync(OciReference repository, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        await PushBlobAsync(repository, stream, Digest.Sha256(content), content.Length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a manifest under a tag or its digest; returns its digest and whether the registry took the subject (OCI-Subject).</summary>
    public async Task<(Digest Digest, bool SubjectAccepted)> PushManifestAsync(OciReference repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseUri(repository), $"manifests/{reference}"));
        put.Content = new ByteArrayContent(manifest);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.Created, $"put manifest {repository.Repository}:{reference}", cancellationToken).ConfigureAwait(false);
        return (Digest.Sha256(manifest), response.Headers.Contains("OCI-Subject"));
    }

    /// <summary>Fetches a manifest or index; null when the registry has none under that reference.</summary>
    public async Task<(byte[] Bytes, string MediaType, Digest Digest)?> GetManifestAsync(OciReference repository, string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(repository), $"manifests/{reference}"));
        request.Headers.TryAddWithoutValidation("Accept", ManifestAccept);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureAsync(response, HttpStatusCode.OK, $"get manifest {repository.Repository}:{reference}", cancellationToken).ConfigureAwait(false);
        var bytes = await ReadLimitedAsync(response, MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        var digest = Digest.Sha256(bytes);
        if (Digest.TryParse(reference, out var wanted) && wanted != digest)
            throw new OciException($"registry returned a manifest with digest {digest} for {reference}");
        return (bytes, response.Content.Headers.ContentType?.MediaType ?? "", digest);
    }

    /// <summary>Streams a blob to <paramref name="destination"/>, refusing it unless its size and digest are the expected ones.</summary>
    public async Task GetBlobAsync(OciReference repository, OciDescriptor blob, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(destination);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(repository), $"blobs/{blob.Digest}"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.OK, $"get blob {blob.Digest}", cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > blob.Size)
                throw new OciException($"blob {blob.Digest} is larger than its descriptor says ({blob.Size} bytes)");
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        var actual = new Digest(Digest.Sha256Algorithm, Convert.ToHexStringLower(hash.GetHashAndReset()));
        if (total != blob.Size || actual != blob.Digest)
            throw new OciException($"blob {blob.Digest} arrived as {actual} ({total} bytes): the registry served other content");
    }

    public async Task<byte[]> GetSmallBlobAsync(OciReference repository, OciDescriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Size > MaxManifestBytes)
            throw new OciException($"blob {blob.Digest} is too large for an attachment ({blob.Size} bytes)");
        using var buffer = new MemoryStream();
        await GetBlobAsync(repository, blob, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>
    /// The manifests that refer to <paramref name="subject"/>: from the referrers API when the registry
    /// has it, else from the <c>sha256-&lt;hex&gt;</c> fallback tag. <c>UsedFallback</c> says which.
    /// </summary>
    public async Task<(IReadOnlyList<OciDescriptor> Referrers, bool UsedFallback)> ListReferrersAsync(OciReference repository, Digest subject, CancellationToken cancellationToken)
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(repository), $"referrers/{subject}")))
        using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == OciMediaTypes.ImageIndex)
                return (OciIndex.Parse(await ReadLimitedAsync(response, MaxManifestBytes, cancellationToken).ConfigureAwait(false)), false);
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest))
                await EnsureAsync(response, HttpStatusCode.OK, $"list referrers of {subject}", cancellationToken).ConfigureAwait(false);
        }

        var index = await GetManifestAsync(repository, FallbackTag(subject), cancellationToken).ConfigureAwait(false);
        return (index is { } found ? OciIndex.Parse(found.Bytes) : [], true);
    }

    /// <summary>Adds a referrer to the fallback tag's index (read, append, write back).</summary>
    public async Task AddToFallbackTagAsync(OciReference repository, Digest subject, OciDescriptor referrer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        var existing = await GetManifestAsync(repository, FallbackTag(subject), cancellationToken).ConfigureAwait(false);
        var manifests = existing is { } found ? OciIndex.Parse(found.Bytes).ToList() : [];
        if (manifests.Any(m => m.Digest == referrer.Digest))
            return;
        manifests.Add(referrer);
        await PushManifestAsync(repository, FallbackTag(subject), OciIndex.Serialize(manifests), OciMediaTypes.ImageIndex, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The referrers tag schema: <c>sha256-&lt;hex&gt;</c>.</summary>
    public static string FallbackTag(Digest subject) => $"{subject.Algorithm}-{subject.Hex}";

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
            throw new OciException($"registry answer is larger than {limit} bytes");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new OciException($"registry answer is larger than {limit} bytes");
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected || (expected == HttpStatusCode.Created && response.StatusCode == HttpStatusCode.OK && what.StartsWith("put", StringComparison.Ordinal)))
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var detail = body.Length > 300 ? body[..300] : body;
        throw new OciException($"{what}: registry answered {(int)response.StatusCode} {response.ReasonPhrase} {detail.Trim()}".TrimEnd());
    }
}
