using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

/// <summary>Visits every term of a rule, including nested bodies.</summary>
internal static class TermWalker
{
    public static void Rule(Rule r, Action<Term> visit)
    {
        foreach (var t in r.Args.Concat(r.Suffix))
            Term(t, visit);
        if (r.Value is not null)
            Term(r.Value, visit);
        if (r.Key is not null)
            Term(r.Key, visit);
        Body(r.Body, visit);
    }

    public static void Body(Body b, Action<Term> visit)
    {
        foreach (var e in b.Exprs)
        {
            switch (e)
            {
                case TermExpr t: Term(t.Term, visit); break;
                case UnifyExpr u: Term(u.Left, visit); Term(u.Right, visit); break;
                case AssignExpr a: Term(a.Left, visit); Term(a.Right, visit); break;
                case SomeInExpr s: Term(s.Collection, visit); Term(s.Value, visit); break;
                case EveryExpr ev: Term(ev.Collection, visit); Body(ev.Body, visit); break;
            }

            foreach (var w in e.With)
                Term(w.Value, visit);
        }
    }

    public static void Term(Term t, Action<Term> visit)
    {
        visit(t);
        switch (t)
        {
            case RefTerm r: Term(r.Head, visit); foreach (var p in r.Path) Term(p, visit); break;
            case ArrayTerm a: foreach (var x in a.Items) Term(x, visit); break;
            case SetTerm s: foreach (var x in s.Items) Term(x, visit); break;
            case ObjectTerm o: foreach (var kv in o.Items) { Term(kv.Key, visit); Term(kv.Value, visit); } break;
            case ArrayComprehension ac: Term(ac.Item, visit); Body(ac.Body, visit); break;
            case SetComprehension sc: Term(sc.Item, visit); Body(sc.Body, visit); break;
            case ObjectComprehension oc: Term(oc.Key, visit); Term(oc.Value, visit); Body(oc.Body, visit); break;
            case CallTerm c: foreach (var x in c.Args) Term(x, visit); break;
            case TemplateTerm tt: foreach (var x in tt.Parts) Term(x, visit); break;
        }
    }
}
