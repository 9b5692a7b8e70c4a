namespace Rampart.Policy.Values;

/// <summary>
/// An immutable Rego value. Rego needs what JSON nodes do not give: sets, objects whose keys are
/// any value, exact big integers, structural equality and hashing, and one total order across
/// types (null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set), which sorting,
/// set output and comparison operators all rely on.
/// </summary>
public abstract class Value : IEquatable<Value>, IComparable<Value>
{
    private int hash;

    internal abstract int TypeRank { get; }

    /// <summary>The Rego type name (<c>type_name</c>): null, boolean, number, string, array, object, set.</summary>
    public abstract string TypeName { get; }

    public bool Equals(Value? other) => other is not null && (ReferenceEquals(this, other) || (GetHashCode() == other.GetHashCode() && CompareTo(other) == 0));

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public override int GetHashCode()
    {
        if (hash == 0)
        {
            var h = ComputeHash();
            hash = h == 0 ? 1 : h;
        }

        return hash;
    }

    public int CompareTo(Value? other)
    {
        if (other is null)
            return 1;
        if (ReferenceEquals(this, other))
            return 0;
        var rank = TypeRank.CompareTo(other.TypeRank);
        return rank != 0 ? rank : CompareSameType(other);
    }

    internal abstract int ComputeHash();

    internal abstract int CompareSameType(Value other);

    public override string ToString() => ValueJson.Serialize(this);

    public static bool operator ==(Value? left, Value? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Value? left, Value? right) => !(left == right);

    public static bool operator <(Value left, Value right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator <=(Value left, Value right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(Value left, Value right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(Value left, Value right) => left is null ? right is null : left.CompareTo(right) >= 0;
}
