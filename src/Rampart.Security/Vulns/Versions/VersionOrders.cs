using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Vulns.Versions;

/// <summary>Picks the version ordering for an OSV ecosystem name.</summary>
public static class VersionOrders
{
    public static IVersionOrder For(string ecosystem) => ecosystem switch
    {
        Ecosystems.NuGet => NuGetOrder.Instance,
        Ecosystems.Npm or Ecosystems.CratesIo => SemVerOrder.Instance,
        Ecosystems.Go => SemVerOrder.Instance,
        Ecosystems.PyPI => Pep440Order.Instance,
        Ecosystems.Maven => MavenOrder.Instance,
        Ecosystems.RubyGems => RubyGemsOrder.Instance,
        Ecosystems.Packagist => ComposerOrder.Instance,
        _ => GenericOrder.Instance,
    };
}
