using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// How a scan is tuned: checks turned off, severities changed, paths left out (globs relative to the
/// scanned root) and the kinds of configuration to look at. Read from <c>.rampart/misconfig.yml</c>
/// by <see cref="ConfigScanSettingsReader"/>.
/// </summary>
public sealed record ConfigScanSettings
{
    public static ConfigScanSettings Default { get; } = new();

    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>(StringComparer.Ordinal);

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Empty means every kind.</summary>
    public IReadOnlySet<ConfigKind> Kinds { get; init; } = new HashSet<ConfigKind>();

    /// <summary>Files larger than this are reported as unreadable instead of parsed.</summary>
    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;
}
