using Rampart.Policy.Builtins;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy;

/// <summary>A query parsed and checked once, to be run many times (the gate's hot path).</summary>
public sealed class PreparedQuery
{
    private readonly CompiledPolicy policy;
    private readonly Body body;
    private readonly IReadOnlyList<string> variables;

    internal PreparedQuery(CompiledPolicy policy, Body body, IReadOnlyList<string> variables, string text)
    {
        this.policy = policy;
        this.body = body;
        this.variables = variables;
        Text = text;
    }

    public string Text { get; }

    /// <summary>All solutions, in evaluation order. Throws <see cref="RegoException"/> on evaluation errors.</summary>
    public IReadOnlyList<RegoSolution> Run(RegoQueryOptions? options = null)
    {
        options ??= new RegoQueryOptions();
        DataConflicts.Check(policy.Root, options.Data ?? ObjectValue.Empty);
        var context = new BuiltinContext(options.Now ?? DateTimeOffset.UtcNow, options.Print);
        var evaluator = new Evaluator(policy, options.Input, options.Data ?? ObjectValue.Empty, context, options.StrictBuiltinErrors);
        var results = new List<RegoSolution>();
        var frame = new Frame();
        evaluator.Query(body, frame, values =>
        {
            var bindings = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var v in variables)
            {
                if (frame.TryGet(v, out var value))
                    bindings[v] = value;
            }

            results.Add(new RegoSolution(bindings, values));
        });
        return results;
    }

    /// <summary>The value of a one-expression query (<c>data.rampart.gate.deny</c>), or null when undefined.</summary>
    public Value? Evaluate(RegoQueryOptions? options = null)
    {
        var solutions = Run(options);
        return solutions.Count == 0 ? null : solutions[0].Expressions[^1];
    }
}
