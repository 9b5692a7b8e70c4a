using NuGet.Versioning;

namespace Rampart.Security.Vulns.Versions;

/// <summary>NuGet's own ordering (four parts, case-insensitive prerelease labels, metadata ignored) from NuGet.Versioning.</summary>
public sealed class NuGetOrder : IVersionOrder
{
    public static NuGetOrder Instance { get; } = new();

    public int Compare(string a, string b) =>
        NuGetVersion.TryParse(a, out var x) && NuGetVersion.TryParse(b, out var y)
            ? VersionComparer.Default.Compare(x, y)
            : GenericOrder.Instance.Compare(a, b);
}
