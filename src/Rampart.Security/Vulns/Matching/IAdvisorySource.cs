using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Vulns.Matching;

/// <summary>Where the matcher looks up advisories by package: the on-disk store, or records held in memory.</summary>
public interface IAdvisorySource
{
    IReadOnlyList<OsvRecord> Find(string ecosystem, string name);
}
