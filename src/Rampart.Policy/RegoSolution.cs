using Rampart.Policy.Values;

namespace Rampart.Policy;

/// <summary>One solution of a query: the values of its variables and of each top-level expression.</summary>
public sealed record RegoSolution(IReadOnlyDictionary<string, Value> Bindings, IReadOnlyList<Value> Expressions);
