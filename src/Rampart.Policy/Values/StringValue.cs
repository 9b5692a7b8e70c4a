namespace Rampart.Policy.Values;

public sealed class StringValue : Value
{
    public static StringValue Empty { get; } = new("");

    public StringValue(string value) => Value = value;

    public string Value { get; }

    internal override int TypeRank => 3;

    public override string TypeName => "string";

    internal override int ComputeHash() => StringComparer.Ordinal.GetHashCode(Value);

    internal override int CompareSameType(Value other) => string.CompareOrdinal(Value, ((StringValue)other).Value);
}
