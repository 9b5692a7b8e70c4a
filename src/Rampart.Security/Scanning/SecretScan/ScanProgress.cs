namespace Rampart.Security.Scanning.SecretScan;

/// <summary>Work done so far, reported while a scan runs (for a progress bar).</summary>
public readonly record struct ScanProgress(long Bytes, long Files, long Commits);
