using Rampart.Policy.Builtins;
using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

/// <summary>Which variables a term or expression reads (needs bound) and which it can bind.</summary>
internal static class VarCollector
{
    public static IEnumerable<VarTerm> All(Term t)
    {
        var list = new List<VarTerm>();
        Walk(t, pattern: false, list, list);
        return list;
    }

    public static IEnumerable<VarTerm> PatternVars(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                yield return v;
                break;
            case ArrayTerm a:
                foreach (var x in a.Items.SelectMany(PatternVars))
                    yield return x;
                break;
            case ObjectTerm o:
                foreach (var x in o.Items.SelectMany(kv => PatternVars(kv.Value)))
                    yield return x;
                break;
        }
    }

    public static void Outputs(Expr e, HashSet<string> into, Func<CallTerm, int>? arity = null)
    {
        var (_, outputs) = Analyse(e, arity);
        foreach (var v in outputs)
            into.Add(v.Name);
    }

    public static (List<VarTerm> Needs, List<VarTerm> Outputs) Analyse(Expr e, Func<CallTerm, int>? arity = null)
    {
        var needs = new List<VarTerm>();
        var outputs = new List<VarTerm>();
        if (e.Negated)
        {
            var all = new List<VarTerm>();
            WalkExpr(e, all, all, arity);
            needs.AddRange(all.Where(v => !v.IsWildcard));
        }
        else
        {
            WalkExpr(e, needs, outputs, arity);
        }

        foreach (var w in e.With)
            Walk(w.Value, false, needs, needs, arity);
        needs.RemoveAll(v => v.IsWildcard || v.Name is "input" or "data");
        return (needs, outputs);
    }

    private static void WalkExpr(Expr e, List<VarTerm> needs, List<VarTerm> outputs, Func<CallTerm, int>? arity)
    {
        switch (e)
        {
            case TermExpr t:
                Walk(t.Term, false, needs, outputs, arity);
                break;
            case UnifyExpr u:
                Walk(u.Left, true, needs, outputs, arity);
                Walk(u.Right, true, needs, outputs, arity);
                break;
            case AssignExpr a:
                Walk(a.Left, true, needs, outputs, arity);
                Walk(a.Right, false, needs, outputs, arity);
                break;
            case SomeInExpr s:
                if (s.Key is not null)
                    Walk(s.Key, true, needs, outputs, arity);
                Walk(s.Value, true, needs, outputs, arity);
                Walk(s.Collection, false, needs, outputs, arity);
                break;
            case EveryExpr ev:
                Walk(ev.Collection, false, needs, outputs, arity);
                break;
        }
    }

    private static void Walk(Term t, bool pattern, List<VarTerm> needs, List<VarTerm> outputs, Func<CallTerm, int>? arity = null)
    {
        switch (t)
        {
            case VarTerm v:
                (pattern || v.IsWildcard ? outputs : needs).Add(v);
                break;
            case RefTerm r:
                if (r.Head is VarTerm hv)
                    (hv.IsWildcard ? outputs : needs).Add(hv);
                else
                    Walk(r.Head, false, needs, outputs, arity);
                foreach (var p in r.Path)
                    Walk(p, p is VarTerm or ArrayTerm or ObjectTerm, needs, outputs, arity);
                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                    Walk(x, pattern, needs, outputs, arity);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    Walk(kv.Key, false, needs, outputs, arity);
                    Walk(kv.Value, pattern, needs, outputs, arity);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                    Walk(x, false, needs, outputs, arity);
                break;
            case CallTerm c:
                var n = c.Name is { } name && BuiltinRegistry.Find(name) is { } b ? b.Arity : arity?.Invoke(c) ?? -1;
                for (var i = 0; i < c.Args.Count; i++)
                    Walk(c.Args[i], n >= 0 && i == n, needs, outputs, arity);
                break;
            case TemplateTerm tt:
                foreach (var x in tt.Parts)
                    Walk(x, false, needs, outputs, arity);
                break;
        }
    }
}
