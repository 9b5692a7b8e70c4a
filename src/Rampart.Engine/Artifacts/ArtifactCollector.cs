using Rampart.Core.Artifacts;

namespace Rampart.Engine.Artifacts;

/// <summary>
/// Keeps the files a job declared: walks the workspace for each pattern (see <see cref="ArtifactWalker"/>),
/// refuses anything that escapes it or is not a regular file, opens each file through
/// <see cref="VerifiedFile"/> and puts it in the store. Every declared pattern must match at least one
/// file. Linux only: the escape checks rely on statx, O_NOFOLLOW and <c>/proc/self/fd</c>.
/// </summary>
public sealed class ArtifactCollector
{
    public const long DefaultMaxTotalBytes = 2L * 1024 * 1024 * 1024;
    public const int DefaultMaxCount = 10_000;

    private readonly IArtifactStore _store;
    private readonly long _maxTotalBytes;
    private readonly int _maxCount;

    public ArtifactCollector(IArtifactStore store, long maxTotalBytes = DefaultMaxTotalBytes, int maxCount = DefaultMaxCount)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTotalBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        _store = store;
        _maxTotalBytes = maxTotalBytes;
        _maxCount = maxCount;
    }

    /// <summary>Collects and stores the matched files, sorted by name (ordinal).</summary>
    /// <exception cref="ArtifactPathException">A pattern is unsafe or matches nothing, a file escapes the workspace or is special, or a cap is exceeded.</exception>
    public async Task<IReadOnlyList<CollectedArtifact>> CollectAsync(string workspaceRoot, IReadOnlyList<string> patterns, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceRoot);
        ArgumentNullException.ThrowIfNull(patterns);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("artifact collection needs Linux (statx, O_NOFOLLOW, /proc/self/fd)");

        var root = RealPath.Resolve(Path.GetFullPath(workspaceRoot));
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"workspace '{workspaceRoot}' does not exist");

        // Validate every pattern before touching the file system, so a bad one is reported first.
        var parsed = patterns.Select(ArtifactPattern.Parse).ToList();
        var found = new SortedDictionary<string, ArtifactCandidate>(StringComparer.Ordinal);
        foreach (var pattern in parsed)
        {
            ct.ThrowIfCancellationRequested();
            if (new ArtifactWalker(root, pattern, found, _maxCount).Walk() == 0)
                throw new ArtifactPathException(pattern.Text, null, $"artifact pattern '{pattern.Text}' matched no file");
        }

        var kept = new List<CollectedArtifact>(found.Count);
        long total = 0;
        foreach (var candidate in found.Values)
        {
            ct.ThrowIfCancellationRequested();
            var stored = await StoreAsync(candidate, _maxTotalBytes - total, ct).ConfigureAwait(false);
            total += stored.Size;
            kept.Add(stored);
        }
        return kept;
    }

    private async Task<CollectedArtifact> StoreAsync(ArtifactCandidate candidate, long budget, CancellationToken ct)
    {
        FileStream file;
        try
        {
            file = VerifiedFile.OpenRegular(candidate.RealPath);
        }
        catch (IOException e)
        {
            throw Refuse(candidate, e.Message, e);
        }
        await using (file.ConfigureAwait(false))
        {
            if (file.Length > budget)
                throw OverCap(candidate);
            var (digest, size) = await _store.PutAsync(file, ct).ConfigureAwait(false);
            // The job's processes are gone when artifacts are kept, but a file that grew after the
            // length check is still caught here.
            if (size > budget)
                throw OverCap(candidate);
            return new CollectedArtifact(candidate.Name, digest, size);
        }
    }

    private ArtifactPathException OverCap(ArtifactCandidate candidate) =>
        Refuse(candidate, $"takes the job's artifacts over the limit of {_maxTotalBytes} bytes");

    private static ArtifactPathException Refuse(ArtifactCandidate candidate, string reason, Exception? inner = null) =>
        new(candidate.Pattern, candidate.Name,
            $"artifact '{ArtifactPathException.Printable(candidate.Name)}' (pattern '{candidate.Pattern}') {reason}", inner);
}
