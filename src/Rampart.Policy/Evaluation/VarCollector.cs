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

    public static void Outputs(Expr e, HashSet<string> into)
    {
        var (_, outputs) = Analyse(e);
        foreach (var v in outputs)
            into.Add(v.Name);
    }

    public static (List<VarTerm> Needs, List<VarTerm> Outputs) Analyse(Expr e)
    {
        var needs = new List<VarTerm>();
        var outputs = new List<VarTerm>();
        if (e.Negated)
        {
            var all = new List<VarTerm>();
            WalkExpr(e, all, all);
            needs.AddRange(all.Where(v => !v.IsWildcard));
        }
        else
        {
            WalkExpr(e, needs, outputs);
        }

        foreach (var w in e.With)
            Walk(w.Value, false, needs, needs);
        needs.RemoveAll(v => v.IsWildcard || v.Name is "input" or "data");
        return (needs, outputs);
    }

    private static void WalkExpr(Expr e, List<VarTerm> needs, List<VarTerm> outputs)
    {
        switch (e)
        {
            case TermExpr t:
                Walk(t.Term, false, needs, outputs);
                break;
            case UnifyExpr u:
                Walk(u.Left, true, needs, outputs);
                Walk(u.Right, true, needs, outputs);
                break;
            case AssignExpr a:
                Walk(a.Left, true, needs, outputs);
                Walk(a.Right, false, needs, outputs);
                break;
            case SomeInExpr s:
                if (s.Key is not null)
                    Walk(s.Key, true, needs, outputs);
                Walk(s.Value, true, needs, outputs);
                Walk(s.Collection, false, needs, outputs);
                break;
            case EveryExpr ev:
                Walk(ev.Collection, false, needs, outputs);
                break;
        }
    }

    private static void Walk(Term t, bool pattern, List<VarTerm> needs, List<VarTerm> outputs)
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
                    Walk(r.Head, false, needs, outputs);
                foreach (var p in r.Path)
                    Walk(p, p is VarTerm or ArrayTerm or ObjectTerm, needs, outputs);
                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                    Walk(x, pattern, needs, outputs);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    Walk(kv.Key, false, needs, outputs);
                    Walk(kv.Value, pattern, needs, outputs);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                    Walk(x, false, needs, outputs);
                break;
            case CallTerm c:
                var arity = c.Name is { } n && BuiltinRegistry.Find(n) is { } b ? b.Arity : -1;
                for (var i = 0; i < c.Args.Count; i++)
                    Walk(c.Args[i], arity >= 0 && i == arity, needs, outputs);
                break;
            case TemplateTerm tt:
                foreach (var x in tt.Parts)
                    Walk(x, false, needs, outputs);
                break;
        }
    }
}
