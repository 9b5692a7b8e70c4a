using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Resolver
{
    private Term ResolveTerm(Term t)
    {
        switch (t)
        {
            case ScalarTerm:
                return t;
            case VarTerm v:
                return ResolveVar(v);
            case RefTerm r:
                var head = ResolveTerm(r.Head);
                var path = r.Path.Select(ResolveTerm).ToList();
                return head is RefTerm hr ? new RefTerm(r.Pos, hr.Head, [.. hr.Path, .. path]) : new RefTerm(r.Pos, head, path);
            case ArrayTerm a:
                return new ArrayTerm(a.Pos, a.Items.Select(ResolveTerm).ToList());
            case SetTerm s:
                return new SetTerm(s.Pos, s.Items.Select(ResolveTerm).ToList());
            case ObjectTerm o:
                return new ObjectTerm(o.Pos, o.Items.Select(kv => new KeyValuePair<Term, Term>(ResolveTerm(kv.Key), ResolveTerm(kv.Value))).ToList());
            case ArrayComprehension ac:
                {
                    var (body, item) = Comprehension(ac.Body, [ac.Item]);
                    return new ArrayComprehension(ac.Pos, item[0], body);
                }

            case SetComprehension sc:
                {
                    var (body, item) = Comprehension(sc.Body, [sc.Item]);
                    return new SetComprehension(sc.Pos, item[0], body);
                }

            case ObjectComprehension oc:
                {
                    var (body, items) = Comprehension(oc.Body, [oc.Key, oc.Value]);
                    return new ObjectComprehension(oc.Pos, items[0], items[1], body);
                }

            case CallTerm c:
                return ResolveCall(c);
            case TemplateTerm tt:
                return new TemplateTerm(tt.Pos, tt.Parts.Select(ResolveTerm).ToList());
            default:
                throw new InvalidOperationException("unknown term");
        }
    }

    private (Body Body, List<Term> Items) Comprehension(Body body, Term[] items)
    {
        var saved = scope;
        scope = new Scope(scope, scope.Level + 1);
        var exprs = new List<Expr>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in body.Exprs)
            exprs.Add(ResolveExpr(e, assigned));
        var resolvedItems = items.Select(ResolveTerm).ToList();
        var outer = new HashSet<string>(StringComparer.Ordinal);
        for (var s = saved; s is not null; s = s.Parent)
        {
            foreach (var n in s.Declared.Values)
                outer.Add(n);
        }

        var ordered = BodyOrder.Order(exprs, outer, lenient: true, Arity);
        scope = saved;
        return (new Body(ordered), resolvedItems);
    }

    private Term ResolveVar(VarTerm v)
    {
        if (v.IsWildcard)
            return v;
        if (scope.Lookup(v.Name) is { } local)
            return local == v.Name ? v : new VarTerm(v.Pos, local);
        if (v.Name is "input" or "data")
            return v;
        if (imports.TryGetValue(v.Name, out var imported))
            return imported with { Pos = v.Pos };
        if (packageRules.Contains(v.Name))
            return new RefTerm(v.Pos, new VarTerm(v.Pos, "data"), [.. module.Package.Select(p => new ScalarTerm(v.Pos, new StringValue(p))), new ScalarTerm(v.Pos, new StringValue(v.Name))]);
        return v;
    }

    /// <summary>
    /// Only a call that is a whole expression may take one extra argument, its output
    /// (<c>count(x, n)</c>); inside a term the call's value is used, so OPA's checker requires the exact count.
    /// </summary>
    private CallTerm ResolveCall(CallTerm c, bool statement = false)
    {
        var args = c.Args.Select(ResolveTerm).ToList();
        var resolved = c.Name is not null
            ? c with { Args = args }
            : (FunctionTarget(c.Operator) ?? throw new RegoException("rego_type_error", "undefined function " + OperatorText(c.Operator), c.Pos)) with { Pos = c.Pos, Args = args };
        var arity = resolved.Name is { } name && Builtins.BuiltinRegistry.Find(name) is { } b ? b.Arity : Arity(resolved);
        if (arity >= 0 && args.Count != arity && (args.Count != arity + 1 || !statement))
            throw new RegoException("rego_type_error", $"{resolved.Name ?? "data." + string.Join('.', resolved.FunctionPath!)}: arity mismatch: {args.Count} arguments given, {arity} expected", c.Pos);
        if (resolved.Name is { } builtinName)
            Builtins.BuiltinSignatures.Check(resolved, builtinName);
        return resolved;
    }

    /// <summary>The function a name refers to, as an argument-less call carrying its name or data path.</summary>
    private CallTerm? FunctionTarget(Term op)
    {
        var names = Names(op);
        if (names is null)
            return null;
        if (scope.Lookup(names[0]) is not null)
            return null;
        List<string>? path = null;
        if (names[0] == "data")
            path = names.Skip(1).ToList();
        else if (imports.TryGetValue(names[0], out var imp) && Names(imp) is { } impNames && impNames[0] == "data")
            path = [.. impNames.Skip(1), .. names.Skip(1)];
        else if (packageRules.Contains(names[0]))
            path = [.. module.Package, .. names];
        if (path is not null)
            return new CallTerm(op.Pos, op, []) { FunctionPath = path };
        var name = string.Join('.', names);
        return Compiler.IsKnownBuiltin(name) ? new CallTerm(op.Pos, op, []) { Name = name } : null;
    }

    /// <summary>A <c>with … as f</c> value that names a function rather than a value.</summary>
    private CallTerm? FunctionValue(Term t)
    {
        var names = Names(t);
        if (names is null || scope.Lookup(names[0]) is not null || names[0] is "input")
            return null;
        if (names[0] == "data" || imports.ContainsKey(names[0]) || packageRules.Contains(names[0]))
            return null;
        return FunctionTarget(t);
    }

    private static List<string>? Names(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                return [v.Name];
            case RefTerm { Head: VarTerm h } r:
                var list = new List<string> { h.Name };
                foreach (var p in r.Path)
                {
                    if (p is not ScalarTerm { Value: StringValue s })
                        return null;
                    list.Add(s.Value);
                }

                return list;
            default:
                return null;
        }
    }

    private static string OperatorText(Term t) => Names(t) is { } n ? string.Join('.', n) : "?";
}
