using NuGet.Versioning;

namespace Rampart.Security.Vulns.Versions;

/// <summary>NuGet's own ordering (four parts, case-insensitive prerelease labels, metadata ignored) from NuGet.Versioning.</summary>
public sealed class NuGetOrder : IVersionOrder
{
    public static NuGetOrder Instance { get; } = new();

    private static readonly ParseCache<NuGetVersion?> Cache = new(t => NuGetVersion.TryParse(t, out var v) ? v : null);

    public int Compare(string a, string b) =>
        Cache.Get(a) is { } x && Cache.Get(b) is { } y
            ? VersionComparer.Default.Compare(x, y)
            : GenericOrder.Instance.Compare(a, b);
}
