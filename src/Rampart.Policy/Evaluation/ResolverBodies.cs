using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Resolver
{
    private Body ResolveBody(Body body, bool topLevel, HashSet<string> bound, bool lenient = false)
    {
        var saved = scope;
        if (!topLevel)
            scope = new Scope(scope, scope.Level + 1);
        var exprs = new List<Expr>();

        // An argument cannot be assigned (f(x) if x := 1), and some cannot declare a name the body
        // already used above it: OPA rejects both.
        var assigned = new HashSet<string>(bound, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in body.Exprs)
        {
            foreach (var declared in Declares(e))
            {
                if (seen.Contains(declared.Name))
                    throw new RegoException("rego_compile_error", $"var {declared.Name} referenced above", declared.Pos);
            }

            exprs.Add(ResolveExpr(e, assigned));
            var (needs, outputs) = VarCollector.Analyse(e, Arity);
            seen.UnionWith(needs.Concat(outputs).Where(v => !v.IsWildcard).Select(v => v.Name));
        }

        var ordered = BodyOrder.Order(exprs, bound, lenient, Arity);
        scope = saved;
        return new Body(ordered);
    }

    private Expr ResolveExpr(Expr e, HashSet<string> assigned)
    {
        var with = e.With.Select(ResolveWith).ToList();
        Expr result;
        switch (e)
        {
            case SomeExpr s:
                foreach (var v in s.Vars)
                    scope.Declared[v.Name] = NewName(v.Name);
                result = new SomeExpr(s.Pos, s.Vars.Select(v => new VarTerm(v.Pos, scope.Declared[v.Name])).ToList());
                break;
            case SomeInExpr si:
                var coll = ResolveTerm(si.Collection);
                if (si.Key is not null)
                    DeclareFresh(si.Key);
                DeclareFresh(si.Value);
                result = new SomeInExpr(si.Pos, si.Key is null ? null : ResolveTerm(si.Key), ResolveTerm(si.Value), coll);
                break;
            case EveryExpr ev:
                var everyColl = ResolveTerm(ev.Collection);
                var saved = scope;
                scope = new Scope(scope, scope.Level + 1);
                if (ev.Key is not null)
                    DeclareFresh(ev.Key);
                DeclareFresh(ev.Value);
                var k = ev.Key is null ? null : ResolveTerm(ev.Key);
                var val = ResolveTerm(ev.Value);
                var inner = ResolveBody(ev.Body, topLevel: true, bound: Vars([k ?? val, val]), lenient: true);
                scope = saved;
                result = new EveryExpr(ev.Pos, k, val, everyColl, inner);
                break;
            case AssignExpr a:
                var rhs = ResolveTerm(a.Right);
                foreach (var v in VarCollector.PatternVars(a.Left))
                {
                    if (v.IsWildcard)
                        continue;
                    if (!assigned.Add(v.Name))
                        throw new RegoException("rego_compile_error", $"var {v.Name} assigned above", v.Pos);
                    if (v.Name is "input" or "data" && module.Strict)
                        throw new RegoException("rego_compile_error", $"variables must not shadow {v.Name} (use a different variable name)", v.Pos);
                    // A local named input or data (v0 allows it) is renamed so it cannot be read as the document.
                    scope.Declared[v.Name] = v.Name is "input" or "data" ? $"{v.Name}${++renames}" : NewName(v.Name);
                }

                if (a.Left is not (VarTerm or ArrayTerm or ObjectTerm))
                    throw new RegoException("rego_parse_error", "cannot assign to " + a.Left.GetType().Name.Replace("Term", "", StringComparison.Ordinal).ToLowerInvariant(), a.Pos);
                result = new AssignExpr(a.Pos, ResolveTerm(a.Left), rhs);
                break;
            case UnifyExpr u:
                if ((u.Left, u.Right) is (ArrayTerm, ObjectTerm) or (ObjectTerm, ArrayTerm) || (u.Left is ArrayTerm la && u.Right is ArrayTerm ra && la.Items.Count != ra.Items.Count)
                    || (u.Left is ObjectTerm lo && u.Right is ObjectTerm ro && ConstantKeys(lo) is { } lk && ConstantKeys(ro) is { } rk && !lk.SetEquals(rk)))
                    throw new RegoException("rego_type_error", "match error: both sides of = must have the same shape", u.Pos);
                result = new UnifyExpr(u.Pos, ResolveTerm(u.Left), ResolveTerm(u.Right));
                break;
            case TermExpr t:
                result = new TermExpr(t.Pos, t.Term is CallTerm call ? ResolveCall(call, statement: true) : ResolveTerm(t.Term));
                break;
            default:
                throw new InvalidOperationException("unknown expression");
        }

        return result with { Negated = e.Negated, With = with };
    }

    private static HashSet<Values.Value>? ConstantKeys(ObjectTerm o) =>
        o.Items.All(kv => kv.Key is ScalarTerm) ? o.Items.Select(kv => ((ScalarTerm)kv.Key).Value).ToHashSet() : null;

    private static IEnumerable<VarTerm> Declares(Expr e) => e switch
    {
        SomeExpr s => s.Vars,
        SomeInExpr si => (si.Key is null ? [] : VarCollector.PatternVars(si.Key)).Concat(VarCollector.PatternVars(si.Value)).Where(v => !v.IsWildcard),
        _ => [],
    };

    private void DeclareFresh(Term pattern)
    {
        foreach (var v in VarCollector.PatternVars(pattern))
        {
            if (!v.IsWildcard)
                scope.Declared[v.Name] = NewName(v.Name);
        }
    }

    private WithModifier ResolveWith(WithModifier w)
    {
        Term target;
        if (RootName(w.Target) is "input" or "data")
            target = w.Target;
        else if (RootName(w.Target) is { } root && scope.Lookup(root) is null && imports.TryGetValue(root, out var imported)
            && RootName(imported) is "input" or "data" && !(FunctionTarget(w.Target) is { FunctionPath: { } fp } && Arity(new CallTerm(w.Pos, w.Target, []) { FunctionPath = fp }) >= 0))
            target = ResolveTerm(w.Target); // an import alias of a document (with lib.flag as 5): the data path it names
        else
            target = FunctionTarget(w.Target) ?? throw new RegoException("rego_type_error", "with keyword target must reference existing input, data, or a function", w.Pos);
        Term value = FunctionValue(w.Value) ?? ResolveTerm(w.Value);
        return new WithModifier(w.Pos, target, value);
    }

    private static string? RootName(Term t) => t switch
    {
        VarTerm v => v.Name,
        RefTerm { Head: VarTerm v } => v.Name,
        _ => null,
    };
}
