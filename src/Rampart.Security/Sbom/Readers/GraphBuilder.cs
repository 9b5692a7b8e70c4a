using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers;

/// <summary>
/// Collects components by purl, merging repeats (the same package under several target frameworks,
/// groups or paths): direct wins over transitive, a required scope over a development one, edges and
/// hashes are united.
/// </summary>
public sealed class GraphBuilder
{
    private readonly Dictionary<string, Component> _byPurl = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly string? _source;

    public GraphBuilder(string? source = null)
    {
        _source = source;
    }

    public int Count => _byPurl.Count;

    public void Add(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (_source is not null && component.FoundIn.Count == 0)
            component = component with { FoundIn = [_source] };
        if (!_byPurl.TryGetValue(component.Purl, out var known))
        {
            _byPurl[component.Purl] = component;
            _order.Add(component.Purl);
            return;
        }

        _byPurl[component.Purl] = Merge(known, component);
    }

    public static Component Merge(Component a, Component b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a with
        {
            Direct = a.Direct == true || b.Direct == true ? true : a.Direct ?? b.Direct,
            Scope = (ComponentScope)Math.Min((int)a.Scope, (int)b.Scope),
            Hashes = [.. a.Hashes.Concat(b.Hashes).DistinctBy(h => h.Algorithm)],
            License = a.License ?? b.License,
            DependsOn = [.. a.DependsOn.Concat(b.DependsOn).Distinct(StringComparer.Ordinal)],
            FoundIn = [.. a.FoundIn.Concat(b.FoundIn).Distinct(StringComparer.Ordinal)],
        };
    }

    public IReadOnlyList<Component> Build() => [.. _order.Select(p => _byPurl[p])];
}
