using Rampart.Security.Vulns.Osv;
using Rampart.Security.Vulns.Store;

namespace Rampart.Security.Vulns.Matching;

/// <summary>The on-disk store as an advisory source.</summary>
public sealed class StoreAdvisories(OsvStore store) : IAdvisorySource
{
    public IReadOnlyList<OsvRecord> Find(string ecosystem, string name) => store.Find(ecosystem, name);
}
