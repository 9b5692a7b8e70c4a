namespace Rampart.Policy.Values;

public sealed class BooleanValue : Value
{
    public static BooleanValue True { get; } = new(true);

    public static BooleanValue False { get; } = new(false);

    private BooleanValue(bool value) => Value = value;

    public bool Value { get; }

    internal override int TypeRank => 1;

    public override string TypeName => "boolean";

    public static BooleanValue Of(bool value) => value ? True : False;

    internal override int ComputeHash() => Value ? 3 : 5;

    internal override int CompareSameType(Value other) => Value.CompareTo(((BooleanValue)other).Value);
}
