using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;

namespace Rampart.Security.Tests.Signing;

/// <summary>A content-addressed store in memory, with a back door for tests that tamper with stored bytes.</summary>
public sealed class MemoryArtifactStore : IArtifactStore
{
    private readonly Dictionary<Digest, byte[]> _blobs = [];

    public async Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var digest = Digest.Sha256(bytes);
        _blobs.TryAdd(digest, bytes);
        return (digest, bytes.Length);
    }

    public bool Contains(Digest digest) => _blobs.ContainsKey(digest);

    public Stream OpenRead(Digest digest) =>
        _blobs.TryGetValue(digest, out var bytes) ? new MemoryStream(bytes, writable: false) : throw new FileNotFoundException(digest.ToString());

    public void Tamper(Digest digest, byte[] bytes) => _blobs[digest] = bytes;
}
