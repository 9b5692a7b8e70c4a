namespace Rampart.Policy.Values;

public sealed class NullValue : Value
{
    public static NullValue Instance { get; } = new();

    private NullValue()
    {
    }

    internal override int TypeRank => 0;

    public override string TypeName => "null";

    internal override int ComputeHash() => 17;

    internal override int CompareSameType(Value other) => 0;
}
