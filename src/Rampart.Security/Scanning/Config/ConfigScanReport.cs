using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config;

/// <summary>The result of a scan: findings (after suppressions and settings), and what was looked at.</summary>
public sealed record ConfigScanReport(
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<ConfigFileType, int> FilesByType,
    int Suppressed)
{
    public int FilesScanned => FilesByType.Values.Sum();
}
