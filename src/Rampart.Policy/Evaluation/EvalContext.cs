using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// The documents and overrides an expression is evaluated against. <c>with</c> makes a new
/// context (so cached rule values never leak across overrides).
/// </summary>
internal sealed class EvalContext
{
    public EvalContext(Value? input, Value data)
    {
        Input = input;
        Data = data;
    }

    public Value? Input { get; set; }

    public Value Data { get; set; }

    public HashSet<RuleNode> Masked { get; private set; } = [];

    /// <summary>Function replacements by built-in name or <c>data.</c> path: a value or a function reference.</summary>
    public Dictionary<string, object> Functions { get; private set; } = new(StringComparer.Ordinal);

    public Dictionary<RuleNode, Value?> Cache { get; } = [];

    public HashSet<RuleNode> InProgress { get; } = [];

    public EvalContext Derive() => new(Input, Data)
    {
        Masked = [.. Masked],
        Functions = new Dictionary<string, object>(Functions, StringComparer.Ordinal),
    };

    public EvalContext WithoutFunctions() => new(Input, Data) { Masked = Masked };

    public static string FunctionKey(CallTerm c) => c.FunctionPath is { } p ? "data." + string.Join('.', p) : c.Name!;
}
