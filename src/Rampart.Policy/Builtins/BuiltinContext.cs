namespace Rampart.Policy.Builtins;

/// <summary>What a built-in may see besides its operands: the query's clock (one instant per query, as in OPA) and the print sink.</summary>
internal sealed class BuiltinContext
{
    public BuiltinContext(DateTimeOffset now, TextWriter? print)
    {
        Now = now;
        Print = print;
    }

    public DateTimeOffset Now { get; }

    public TextWriter? Print { get; }

    public Dictionary<string, object> Cache { get; } = new(StringComparer.Ordinal);
}
