namespace Rampart.Policy.Values;

public sealed class ArrayValue : Value
{
    public static ArrayValue Empty { get; } = new([]);

    public ArrayValue(IReadOnlyList<Value> items) => Items = items;

    public IReadOnlyList<Value> Items { get; }

    public int Count => Items.Count;

    internal override int TypeRank => 4;

    public override string TypeName => "array";

    internal override int ComputeHash()
    {
        var h = new HashCode();
        foreach (var item in Items)
            h.Add(item.GetHashCode());
        return h.ToHashCode();
    }

    internal override int CompareSameType(Value other) => CompareSequences(Items, ((ArrayValue)other).Items);

    internal static int CompareSequences(IReadOnlyList<Value> a, IReadOnlyList<Value> b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
                return c;
        }

        return a.Count.CompareTo(b.Count);
    }
}
