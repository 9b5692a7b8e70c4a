namespace Rampart.Policy.Values;

/// <summary>An immutable object; keys may be any value. Output and comparison use sorted keys.</summary>
public sealed class ObjectValue : Value
{
    private readonly Dictionary<Value, Value> entries;
    private KeyValuePair<Value, Value>[]? sorted;

    public static ObjectValue Empty { get; } = new(new Dictionary<Value, Value>());

    private ObjectValue(Dictionary<Value, Value> entries) => this.entries = entries;

    /// <summary>Takes ownership of a dictionary the caller never touches again.</summary>
    internal static ObjectValue Wrap(Dictionary<Value, Value> entries) => new(entries);

    public static ObjectValue Of(IEnumerable<KeyValuePair<Value, Value>> entries)
    {
        var d = new Dictionary<Value, Value>();
        foreach (var (k, v) in entries)
            d[k] = v;
        return new ObjectValue(d);
    }

    public int Count => entries.Count;

    public Value? Get(Value key) => entries.GetValueOrDefault(key);

    public Value? Get(string key) => entries.GetValueOrDefault(new StringValue(key));

    public bool ContainsKey(Value key) => entries.ContainsKey(key);

    public IEnumerable<Value> Keys => entries.Keys;

    /// <summary>A mutable copy, for building a changed object.</summary>
    internal Dictionary<Value, Value> ToDictionary() => new(entries);

    public IReadOnlyList<KeyValuePair<Value, Value>> Sorted
    {
        get
        {
            if (sorted is null)
            {
                var a = entries.ToArray();
                Array.Sort(a, (x, y) => x.Key.CompareTo(y.Key));
                sorted = a;
            }

            return sorted;
        }
    }

    internal override int TypeRank => 5;

    public override string TypeName => "object";

    internal override int ComputeHash()
    {
        var h = 0;
        foreach (var (k, v) in entries)
            h ^= HashCode.Combine(k.GetHashCode(), v.GetHashCode());
        return h;
    }

    internal override int CompareSameType(Value other)
    {
        var a = Sorted;
        var b = ((ObjectValue)other).Sorted;
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].Key.CompareTo(b[i].Key);
            if (c != 0)
                return c;
            c = a[i].Value.CompareTo(b[i].Value);
            if (c != 0)
                return c;
        }

        return a.Count.CompareTo(b.Count);
    }
}
