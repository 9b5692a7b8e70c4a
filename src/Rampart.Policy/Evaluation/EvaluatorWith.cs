using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Evaluates <paramref name="body"/> under the expression's <c>with</c> overrides; the continuation runs without them.</summary>
    private bool EvalWithModifiers(Expr e, Frame f, Func<Func<bool>, bool> body, Func<bool> k)
    {
        if (e.With.Count == 0)
            return body(k);
        var saved = ctx;
        var next = saved.Derive();
        foreach (var w in e.With)
            Apply(next, w, f);
        ctx = next;
        try
        {
            return body(() =>
            {
                var inner = ctx;
                ctx = saved;
                try
                {
                    return k();
                }
                finally
                {
                    ctx = inner;
                }
            });
        }
        finally
        {
            ctx = saved;
        }
    }

    private void Apply(EvalContext next, WithModifier w, Frame f)
    {
        switch (w.Target)
        {
            case CallTerm fn:
                next.Functions[EvalContext.FunctionKey(fn)] = FunctionReplacement(w.Value, f);
                return;
            case VarTerm { Name: "input" }:
                next.Input = Single(w.Value, f);
                return;
            case VarTerm { Name: "data" }:
                next.Data = Single(w.Value, f);
                MaskAll(next, policy.Root);
                return;
            case RefTerm { Head: VarTerm { Name: var root } } r:
                var path = r.Path.Select(p => Single(p, f)).ToList();
                if (root == "input")
                {
                    next.Input = Upsert(next.Input, path, 0, Single(w.Value, f));
                    return;
                }

                if (path.All(p => p is StringValue) && policy.Root.Find(path.Select(p => ((StringValue)p).Value).ToList()) is { } node
                    && (node.Functions.Count > 0 || node.DefaultFunction is not null))
                {
                    next.Functions["data." + string.Join('.', path.Select(p => ((StringValue)p).Value))] = FunctionReplacement(w.Value, f);
                    return;
                }

                next.Data = Upsert(next.Data, path, 0, Single(w.Value, f));
                var n = policy.Root;
                foreach (var p in path)
                {
                    if (p is not StringValue s || !n.Children.TryGetValue(s.Value, out n!))
                        return;
                    if (n.HasRules && p != path[^1])
                    {
                        next.Masked.Add(n);
                        return;
                    }
                }

                MaskAll(next, n);
                return;
            default:
                throw new RegoException("rego_type_error", "with keyword target must reference existing input, data, or a function", w.Pos);
        }
    }

    private static void MaskAll(EvalContext next, RuleNode n)
    {
        next.Masked.Add(n);
        foreach (var c in n.Children.Values)
            MaskAll(next, c);
    }

    private object FunctionReplacement(Term value, Frame f)
    {
        if (value is CallTerm { Args.Count: 0 } fn)
            return fn;
        if (value is RefTerm { Head: VarTerm { Name: "data" } } r && r.Path.All(p => p is ScalarTerm { Value: StringValue })
            && policy.Root.Find(r.Path.Select(p => ((StringValue)((ScalarTerm)p).Value).Value).ToList()) is { } node && (node.Functions.Count > 0 || node.DefaultFunction is not null))
            return new CallTerm(r.Pos, r, []) { FunctionPath = node.Path };
        return Single(value, f);
    }

    private Value Single(Term t, Frame f)
    {
        Value? result = null;
        EvalTerm(t, f, v =>
        {
            result = v;
            return true;
        });
        return result ?? throw new RegoException("eval_type_error", "with value is undefined", t.Pos);
    }

    private static Value Upsert(Value? root, List<Value> path, int i, Value v)
    {
        if (i == path.Count)
            return v;
        var d = root is ObjectValue o ? o.ToDictionary() : [];
        d[path[i]] = Upsert(d.GetValueOrDefault(path[i]), path, i + 1, v);
        return ObjectValue.Wrap(d);
    }
}
