using Rampart.Policy.Builtins;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// Top-down evaluation with backtracking. Every step takes a continuation that is called once
/// per solution; it returns true to stop the search (used by <c>not</c>, <c>every</c> and rules
/// whose value is a constant). Bindings are undone on the way back.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly CompiledPolicy policy;
    private readonly BuiltinContext builtins;
    private readonly bool strict;
    private EvalContext ctx;

    public Evaluator(CompiledPolicy policy, Value? input, Value data, BuiltinContext builtins, bool strict)
    {
        this.policy = policy;
        this.builtins = builtins;
        this.strict = strict;
        ctx = new EvalContext(input, data);
    }

    /// <summary>Runs a query; the value of each top-level term expression is captured (a lone false is a result, as in <c>opa eval</c>).</summary>
    public void Query(Body query, Frame frame, Action<Value[]> onSolution)
    {
        var values = new Value[query.Exprs.Count];
        bool Step(int i)
        {
            if (i == query.Exprs.Count)
            {
                onSolution((Value[])values.Clone());
                return false;
            }

            var e = query.Exprs[i];
            if (e is TermExpr t && !e.Negated)
            {
                return EvalWithModifiers(e, frame, inner => EvalTerm(t.Term, frame, v =>
                {
                    // As in OPA: a lone expression's false is its result; in a longer query false fails.
                    if (query.Exprs.Count > 1 && v is BooleanValue { Value: false })
                        return false;
                    values[i] = v;
                    return inner();
                }), () => Step(i + 1));
            }

            values[i] = BooleanValue.True;
            return EvalExpr(e, frame, () => Step(i + 1));
        }

        Step(0);
    }

    private bool EvalBody(IReadOnlyList<Expr> exprs, int i, Frame f, Func<bool> k)
    {
        // Tests that bind nothing and have one answer (x.size > 10, startswith(a, b)) run inline.
        while (i < exprs.Count && exprs[i] is TermExpr { Negated: false, With.Count: 0 } test && TryTest(test.Term, f, out var passed))
        {
            if (!passed)
                return false;
            i++;
        }

        if (i == exprs.Count)
            return k();
        return EvalExpr(exprs[i], f, () => EvalBody(exprs, i + 1, f, k));
    }

    private bool EvalExpr(Expr e, Frame f, Func<bool> k)
    {
        if (e.With.Count > 0)
            return EvalWithModifiers(e, f, inner => EvalPlain(e, f, inner), k);
        return EvalPlain(e, f, k);
    }

    private bool EvalPlain(Expr e, Frame f, Func<bool> k)
    {
        if (!e.Negated)
            return EvalCore(e, f, k);
        var found = false;
        EvalCore(e, f, () =>
        {
            found = true;
            return true;
        });
        return !found && k();
    }

    private bool EvalCore(Expr e, Frame f, Func<bool> k)
    {
        switch (e)
        {
            case TermExpr t:
                return EvalTerm(t.Term, f, v => v is BooleanValue { Value: false } ? false : k());
            case UnifyExpr u:
                return Unify(u.Left, u.Right, f, k);
            case AssignExpr a:
                return Unify(a.Left, a.Right, f, k);
            case SomeExpr:
                return k();
            case SomeInExpr s:
                return EvalTerm(s.Collection, f, coll =>
                {
                    foreach (var (key, val) in Entries(coll))
                    {
                        var stop = s.Key is null
                            ? UnifyValue(s.Value, val, f, k)
                            : UnifyValue(s.Key, key, f, () => UnifyValue(s.Value, val, f, k));
                        if (stop)
                            return true;
                    }

                    return false;
                });
            case EveryExpr ev:
                return EvalTerm(ev.Collection, f, coll =>
                {
                    // every over a value that is not a collection is undefined, not vacuously true.
                    if (coll is not (ArrayValue or ObjectValue or SetValue))
                        return false;
                    foreach (var (key, val) in Entries(coll))
                    {
                        var ok = false;
                        bool Body() => EvalBody(ev.Body.Exprs, 0, f, () => ok = true);
                        _ = ev.Key is null ? UnifyValue(ev.Value, val, f, Body) : UnifyValue(ev.Key, key, f, () => UnifyValue(ev.Value, val, f, Body));
                        if (!ok)
                            return false;
                    }

                    return k();
                });
            default:
                throw new InvalidOperationException("unknown expression");
        }
    }

    internal static IEnumerable<(Value Key, Value Value)> Entries(Value v)
    {
        switch (v)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++)
                    yield return (NumberValue.Of(i), a.Items[i]);
                break;
            case ObjectValue o:
                foreach (var (key, val) in o.Sorted)
                    yield return (key, val);
                break;
            case SetValue s:
                foreach (var m in s.Sorted)
                    yield return (m, m);
                break;
        }
    }

    internal static Value? Index(Value cur, Value key) => cur switch
    {
        ArrayValue a when key is NumberValue n && n.TryGetInt(out var i) && i >= 0 && i < a.Count => a.Items[i],
        ObjectValue o => o.Get(key),
        SetValue s when s.Contains(key) => key,
        _ => null,
    };

    private static RegoException Unsafe(VarTerm v) => new("rego_unsafe_var_error", $"var {Resolver.Display(v.Name)} is unsafe", v.Pos);
}
