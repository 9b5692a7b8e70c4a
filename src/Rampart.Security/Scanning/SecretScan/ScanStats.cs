namespace Rampart.Security.Scanning.SecretScan;

/// <summary>What a scan covered and what it skipped, so a clean result can be judged.</summary>
public sealed record ScanStats
{
    public long Files { get; init; }
    public long Bytes { get; init; }
    public long Commits { get; init; }
    public long SkippedBinary { get; init; }
    public long SkippedLarge { get; init; }
    public TimeSpan Elapsed { get; init; }
}
