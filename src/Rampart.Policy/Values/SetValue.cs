namespace Rampart.Policy.Values;

/// <summary>An immutable set; its members are kept sorted (Rego's order) for output and comparison.</summary>
public sealed class SetValue : Value
{
    private readonly HashSet<Value> members;
    private Value[]? sorted;

    public static SetValue Empty { get; } = new(new HashSet<Value>());

    private SetValue(HashSet<Value> members) => this.members = members;

    public static SetValue Of(IEnumerable<Value> items) => new(new HashSet<Value>(items));

    /// <summary>Takes ownership of a set the caller never touches again.</summary>
    internal static SetValue Wrap(HashSet<Value> items) => new(items);

    public int Count => members.Count;

    public bool Contains(Value v) => members.Contains(v);

    public IReadOnlyList<Value> Sorted
    {
        get
        {
            if (sorted is null)
            {
                var a = members.ToArray();
                Array.Sort(a);
                sorted = a;
            }

            return sorted;
        }
    }

    internal override int TypeRank => 6;

    public override string TypeName => "set";

    internal override int ComputeHash()
    {
        var h = 0;
        foreach (var m in members)
            h ^= m.GetHashCode() * 31 + 7;
        return h;
    }

    internal override int CompareSameType(Value other) => ArrayValue.CompareSequences(Sorted, ((SetValue)other).Sorted);
}
