using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>json.filter and json.remove: keep or drop the values at a set of paths ("a/b/0" or ["a","b",0]).</summary>
internal static class JsonPaths
{
    public static List<List<Value>> Parse(Value[] a, int i)
    {
        var paths = new List<List<Value>>();
        foreach (var p in ArrOrSet(a, i))
        {
            paths.Add(p switch
            {
                StringValue s => s.Value.TrimStart('/').Split('/').Where(x => x.Length > 0).Select(x => (Value)S(x.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))).ToList(),
                ArrayValue arr => [.. arr.Items],
                _ => throw TypeError(i, "set[any] of strings or arrays", a[i]),
            });
        }

        return paths;
    }

    public static Value Filter(Value doc, List<List<Value>> paths)
    {
        if (paths.Any(p => p.Count == 0))
            return doc;
        var byHead = paths.GroupBy(p => p[0]).ToList();
        switch (doc)
        {
            case ObjectValue o:
                var d = new Dictionary<Value, Value>();
                foreach (var g in byHead)
                {
                    if (o.Get(g.Key) is { } child)
                        d[g.Key] = Filter(child, g.Select(p => p.Skip(1).ToList()).ToList());
                }

                return ObjectValue.Wrap(d);
            case ArrayValue arr:
                var items = new List<Value>();
                for (var i = 0; i < arr.Count; i++)
                {
                    var idx = S(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    // As OPA: array positions are addressed by their decimal string ("0"), not by a number.
                    var g = byHead.FirstOrDefault(x => x.Key == idx);
                    if (g is not null)
                        items.Add(Filter(arr.Items[i], g.Select(p => p.Skip(1).ToList()).ToList()));
                }

                return new ArrayValue(items);
            case SetValue set:
                return SetValue.Of(set.Sorted
                    .Select(m => byHead.FirstOrDefault(g => g.Key == m) is { } g ? Filter(m, g.Select(p => p.Skip(1).ToList()).ToList()) : null)
                    .OfType<Value>());
            default:
                return doc;
        }
    }

    public static Value Remove(Value doc, List<List<Value>> paths)
    {
        foreach (var p in paths.Where(p => p.Count > 0))
            doc = RemoveOne(doc, p, 0);
        return doc;
    }

    private static Value RemoveOne(Value doc, List<Value> path, int i)
    {
        var key = path[i];
        var last = i == path.Count - 1;
        switch (doc)
        {
            case ObjectValue o when o.Get(key) is { } child:
                var d = o.ToDictionary();
                if (last)
                    d.Remove(key);
                else
                    d[key] = RemoveOne(child, path, i + 1);
                return ObjectValue.Wrap(d);
            case ArrayValue arr when IndexOf(key) is { } idx && idx < arr.Count:
                var items = arr.Items.ToList();
                if (last)
                    items.RemoveAt(idx);
                else
                    items[idx] = RemoveOne(items[idx], path, i + 1);
                return new ArrayValue(items);
            case SetValue set when last && set.Contains(key):
                return SetValue.Of(set.Sorted.Where(m => m != key));
            default:
                return doc;
        }
    }

    private static int? IndexOf(Value key) => key switch
    {
        NumberValue n when n.TryGetInt(out var i) && i >= 0 => i,
        StringValue s when int.TryParse(s.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
