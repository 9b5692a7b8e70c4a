using Rampart.Security.Vulns.Osv;
using Rampart.Security.Vulns.Store;

namespace Rampart.Security.Vulns.Matching;

/// <summary>Advisories held in memory, indexed like the store (withdrawn records are kept out).</summary>
public sealed class InMemoryAdvisories : IAdvisorySource
{
    private readonly Dictionary<string, List<OsvRecord>> _byKey = new(StringComparer.Ordinal);

    public InMemoryAdvisories(IEnumerable<OsvRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records.Where(r => r.Withdrawn is null))
        {
            foreach (var key in record.Affected.Select(a => OsvStoreFormat.Key(a.Ecosystem, a.Name)).Distinct(StringComparer.Ordinal))
            {
                if (!_byKey.TryGetValue(key, out var list))
                    _byKey[key] = list = [];
                list.Add(record);
            }
        }
    }

    public IReadOnlyList<OsvRecord> Find(string ecosystem, string name) =>
        _byKey.TryGetValue(OsvStoreFormat.Key(ecosystem, name), out var list) ? list : [];
}
