using Rampart.Core.Evidence;

namespace Rampart.Core.Artifacts;

/// <summary>A write-once, content-addressed blob store. A blob's name is its digest.</summary>
public interface IArtifactStore
{
    /// <summary>Stores the content (idempotent) and returns its digest and size.</summary>
    Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken);

    bool Contains(Digest digest);

    /// <summary>Opens a stored blob for reading; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Stream OpenRead(Digest digest);
}
