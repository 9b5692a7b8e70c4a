using Rampart.Policy.Values;

namespace Rampart.Policy.Builtins;

/// <summary>
/// json.patch: RFC 6902 operations over Rego values (sets address members by value; a value can be
/// added inside a set member, not removed from one). Removing the root leaves no document (undefined
/// unless a later operation adds a new root). Undefined when an operation fails.
/// </summary>
internal static class JsonPatch
{
    public static Value? Apply(Value doc, ArrayValue ops)
    {
        var absent = false;
        foreach (var opValue in ops.Items)
        {
            if (opValue is not ObjectValue op || op.Get("op") is not StringValue { Value: var name } || op.Get("path") is not { } pathValue)
                return null;
            if (Pointer(pathValue) is not { } path)
                return null;
            if (path.Count == 0 && name is "add" or "remove")
            {
                if (name == "remove")
                {
                    if (absent)
                        return null;
                    absent = true;
                    continue;
                }

                if (op.Get("value") is not { } root)
                    return null;
                doc = root;
                absent = false;
                continue;
            }

            if (absent)
                return null;
            Value? next;
            switch (name)
            {
                case "add":
                    next = op.Get("value") is { } av ? Add(doc, path, 0, av) : null;
                    break;
                case "remove":
                    next = Remove(doc, path, 0);
                    break;
                case "replace":
                    next = op.Get("value") is { } rv && Get(doc, path) is not null ? Add(Remove(doc, path, 0) ?? doc, path, 0, rv) : null;
                    break;
                case "move":
                case "copy":
                    if (op.Get("from") is not { } fromValue || Pointer(fromValue) is not { } from || Get(doc, from) is not { } moved)
                        return null;
                    if (name == "move" && from.Count < path.Count && from.SequenceEqual(path.Take(from.Count)))
                        return null;
                    var source = name == "move" ? Remove(doc, from, 0) : doc;
                    next = source is null ? null : Add(source, path, 0, moved);
                    break;
                case "test":
                    next = op.Get("value") is { } tv && Get(doc, path) is { } cur && cur == tv ? doc : null;
                    break;
                default:
                    return null;
            }

            if (next is null)
                return null;
            doc = next;
        }

        return absent ? null : doc;
    }

    private static List<string>? Pointer(Value v)
    {
        switch (v)
        {
            case StringValue s:
                if (s.Value.Length == 0)
                    return [];
                if (!s.Value.StartsWith('/'))
                    return null;
                return s.Value[1..].Split('/').Select(x => x.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            case ArrayValue a:
                return a.Items.Select(x => x is StringValue xs ? xs.Value : ValueJson.Serialize(x)).ToList();
            default:
                return null;
        }
    }

    private static Value? Get(Value doc, List<string> path)
    {
        var cur = doc;
        foreach (var p in path)
        {
            cur = Child(cur, p);
            if (cur is null)
                return null;
        }

        return cur;
    }

    private static Value? Child(Value cur, string p) => cur switch
    {
        ObjectValue o => o.Get(p),
        ArrayValue a when Index(p, a.Count - 1) is { } i => a.Items[i],
        SetValue s => s.Sorted.FirstOrDefault(m => Key(m) == p),
        _ => null,
    };

    private static string Key(Value m) => m is StringValue s ? s.Value : ValueJson.Serialize(m);

    private static int? Index(string p, int max) =>
        p.Length > 0 && (p == "0" || p[0] != '0') && p.All(char.IsAsciiDigit) && int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var i) && i <= max ? i : null;

    private static Value? Add(Value doc, List<string> path, int i, Value v, bool replace = false)
    {
        if (i == path.Count)
            return v;
        var p = path[i];
        var last = i == path.Count - 1;
        switch (doc)
        {
            case ObjectValue o:
                var d = o.ToDictionary();
                var key = new StringValue(p);
                if (last)
                {
                    d[key] = v;
                    return ObjectValue.Wrap(d);
                }

                return d.TryGetValue(key, out var child) && Add(child, path, i + 1, v, replace) is { } nc ? Set(d, key, nc) : null;
            case ArrayValue a:
                var items = a.Items.ToList();
                if (last)
                {
                    if (p == "-")
                    {
                        items.Add(v);
                        return new ArrayValue(items);
                    }

                    if (Index(p, replace ? a.Count - 1 : a.Count) is not { } idx)
                        return null;
                    items.Insert(idx, v);
                    return new ArrayValue(items);
                }

                return Index(p, a.Count - 1) is { } ci && Add(items[ci], path, i + 1, v, replace) is { } nv ? new ArrayValue(items.Select((x, j) => j == ci ? nv : x).ToList()) : null;
            case SetValue s:
                if (last)
                    return SetValue.Of(s.Sorted.Append(v));
                var member = s.Sorted.FirstOrDefault(m => Key(m) == p);
                return member is not null && Add(member, path, i + 1, v, replace) is { } changed
                    ? SetValue.Of(s.Sorted.Where(m => m != member).Append(changed))
                    : null;
            default:
                return null;
        }
    }

    private static ObjectValue Set(Dictionary<Value, Value> d, Value k, Value v)
    {
        d[k] = v;
        return ObjectValue.Wrap(d);
    }

    private static Value? Remove(Value doc, List<string> path, int i)
    {
        if (path.Count == 0)
            return null;
        var p = path[i];
        var last = i == path.Count - 1;
        switch (doc)
        {
            case ObjectValue o:
                var key = new StringValue(p);
                if (o.Get(key) is not { } child)
                    return null;
                var d = o.ToDictionary();
                if (last)
                {
                    d.Remove(key);
                    return ObjectValue.Wrap(d);
                }

                return Remove(child, path, i + 1) is { } nc ? Set(d, key, nc) : null;
            case ArrayValue a:
                if (Index(p, a.Count - 1) is not { } idx)
                    return null;
                var items = a.Items.ToList();
                if (last)
                {
                    items.RemoveAt(idx);
                    return new ArrayValue(items);
                }

                return Remove(items[idx], path, i + 1) is { } nv ? new ArrayValue(items.Select((x, j) => j == idx ? nv : x).ToList()) : null;
            case SetValue s:
                var member = s.Sorted.FirstOrDefault(m => Key(m) == p);
                if (member is null)
                    return null;
                return last ? SetValue.Of(s.Sorted.Where(m => m != member)) : null;
            default:
                return null;
        }
    }
}
