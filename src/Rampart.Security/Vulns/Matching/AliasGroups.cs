using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Vulns.Matching;

/// <summary>Groups records that share an id or alias (transitively), so GHSA-x, PYSEC-y and CVE-z of one flaw become one report.</summary>
internal static class AliasGroups
{
    public static List<HashSet<OsvRecord>> Group(List<OsvRecord> records)
    {
        var parent = Enumerable.Range(0, records.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var id in records[i].Aliases.Append(records[i].Id))
            {
                if (owner.TryGetValue(id, out var j))
                    parent[Find(i)] = Find(j);
                else
                    owner[id] = i;
            }
        }

        return [.. Enumerable.Range(0, records.Count).GroupBy(Find).Select(g => g.Select(i => records[i]).ToHashSet())];
    }
}
