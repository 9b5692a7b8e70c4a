using Rampart.Policy.Values;

namespace Rampart.Policy.Builtins;

/// <summary>
/// One built-in function: returns null for undefined, throws <see cref="BuiltinException"/> on
/// bad operands. A relation (<see cref="Multi"/>, like <c>walk</c>) returns an array of its outputs.
/// </summary>
internal sealed record Builtin(string Name, int Arity, Func<BuiltinContext, Value[], Value?> Fn)
{
    public bool Multi { get; init; }
}
