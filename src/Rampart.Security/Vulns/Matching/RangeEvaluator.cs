using Rampart.Security.Vulns.Osv;
using Rampart.Security.Vulns.Versions;

namespace Rampart.Security.Vulns.Matching;

/// <summary>
/// The OSV schema's evaluation of a version against an <c>affected</c> entry: listed in
/// <c>versions</c>, or inside a SEMVER/ECOSYSTEM range (events sorted by version, "0" first; the last
/// event at or below the version decides: introduced opens, fixed closes at, last_affected closes
/// after; a version at or above every <c>limit</c> is outside). GIT ranges need the repository and are
/// not evaluated. An event value that lists several versions ("8.0.3, 7.0.7", seen in real data) is
/// read per release line: fixed only by the candidate of the same major version, or the highest.
/// </summary>
public static class RangeEvaluator
{
    public static RangeHit? Evaluate(OsvAffected affected, string version, IVersionOrder order)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(order);
        foreach (var listed in affected.Versions)
        {
            if (order.Compare(listed, version) == 0)
                return new RangeHit("listed in the advisory's versions", Fixed(affected, version, order));
        }

        foreach (var range in affected.Ranges)
        {
            if (range.Type is not ("SEMVER" or "ECOSYSTEM") || range.Events.Count == 0)
                continue;
            if (InRange(range, version, order))
                return new RangeHit(Describe(range), Fixed(affected, version, order));
        }

        return null;
    }

    private static bool InRange(OsvRange range, string version, IVersionOrder order)
    {
        // The common shape, one introduced then one fixed or last_affected, needs no sorting.
        IReadOnlyList<OsvEvent> events;
        if (range.Events is [{ Kind: OsvEventKind.Introduced } first, { Kind: OsvEventKind.Fixed or OsvEventKind.LastAffected } second]
            && (first.Version == "0" || CompareEvents(first, second, order) <= 0))
        {
            events = range.Events;
        }
        else
        {
            var limits = range.Events.Where(e => e.Kind == OsvEventKind.Limit).ToList();
            if (limits.Count > 0 && limits.All(l => l.Version != "*" && AtOrAbove(version, l.Version, order)))
                return false;
            events = [.. range.Events.Where(e => e.Kind != OsvEventKind.Limit)
                .OrderBy(e => e, Comparer<OsvEvent>.Create((a, b) => CompareEvents(a, b, order)))];
        }

        var affected = false;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case OsvEventKind.Introduced when e.Version == "0" || AtOrAbove(version, e.Version, order):
                    affected = true;
                    break;
                case OsvEventKind.Fixed when AtOrAbove(version, e.Version, order):
                    affected = false;
                    break;
                case OsvEventKind.LastAffected when Above(version, e.Version, order):
                    affected = false;
                    break;
            }
        }

        return affected;
    }

    private static int CompareEvents(OsvEvent a, OsvEvent b, IVersionOrder order)
    {
        if (a.Version == "0" && a.Kind == OsvEventKind.Introduced)
            return b.Version == "0" && b.Kind == OsvEventKind.Introduced ? 0 : -1;
        if (b.Version == "0" && b.Kind == OsvEventKind.Introduced)
            return 1;
        var comparer = Comparer<string>.Create(order.Compare);
        return order.Compare(Candidates(a.Version).Min(comparer)!, Candidates(b.Version).Min(comparer)!);
    }

    private static bool AtOrAbove(string version, string bound, IVersionOrder order)
    {
        var candidates = Candidates(bound);
        if (candidates.Length == 1)
            return order.Compare(version, bound) >= 0;
        var sameLine = candidates.Where(c => Major(c) == Major(version)).ToList();
        return sameLine.Count > 0 ? sameLine.Any(c => order.Compare(version, c) >= 0) : candidates.All(c => order.Compare(version, c) >= 0);
    }

    private static bool Above(string version, string bound, IVersionOrder order) =>
        Candidates(bound).All(c => order.Compare(version, c) > 0);

    private static string[] Candidates(string value) =>
        value.Contains(',', StringComparison.Ordinal) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value];

    private static string Major(string version) => version.TrimStart('v', 'V').Split('.', '-', '+')[0];

    /// <summary>The lowest fixed version above the installed one, across all ranges of the entry (the upgrade target).</summary>
    private static string? Fixed(OsvAffected affected, string version, IVersionOrder order)
    {
        var fixes = affected.Ranges.Where(r => r.Type is "SEMVER" or "ECOSYSTEM").SelectMany(r => r.Events)
            .Where(e => e.Kind == OsvEventKind.Fixed).SelectMany(e => Candidates(e.Version))
            .Where(f => order.Compare(f, version) > 0).ToList();
        var sameLine = fixes.Where(f => Major(f) == Major(version)).ToList();
        var pool = sameLine.Count > 0 ? sameLine : fixes;
        return pool.Count == 0 ? null : pool.Aggregate((a, b) => order.Compare(a, b) <= 0 ? a : b);
    }

    private static string Describe(OsvRange range) =>
        $"{range.Type} " + string.Join(", ", range.Events.Select(e => e.Kind switch
        {
            OsvEventKind.Introduced => $"introduced {e.Version}",
            OsvEventKind.Fixed => $"fixed {e.Version}",
            OsvEventKind.LastAffected => $"last_affected {e.Version}",
            _ => $"limit {e.Version}",
        }));
}
