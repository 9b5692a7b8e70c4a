namespace Rampart.Security.Scanning.SecretScan;

/// <summary>Limits and switches of a scan. The defaults suit a CI gate.</summary>
public sealed record SecretScanOptions
{
    /// <summary>Decode base64 and hex blobs and scan what they hold, this many levels deep (0: off).</summary>
    public int DecodeDepth { get; init; }

    /// <summary>Files larger than this are skipped and counted; 0 for no limit.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files are read and scanned in pieces of at most this size, so memory stays flat.</summary>
    public int ChunkBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Worker threads for directory scans.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Respect .gitignore (and git's exclude files) when scanning a directory.</summary>
    public bool RespectGitIgnore { get; init; } = true;
}
