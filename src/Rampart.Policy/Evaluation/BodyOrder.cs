using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// Orders a body so every variable is bound before it is read, keeping the written order where
/// it already works (as OPA does), and reports a variable nothing can bind as unsafe.
/// </summary>
internal static class BodyOrder
{
    public static List<Expr> Order(List<Expr> exprs, HashSet<string> initiallyBound, bool lenient = false, Func<CallTerm, int>? arity = null)
    {
        var bound = new HashSet<string>(initiallyBound, StringComparer.Ordinal);
        var info = exprs.Select(e => VarCollector.Analyse(e, arity)).ToList();
        var placed = new bool[exprs.Count];
        var result = new List<Expr>(exprs.Count);
        while (result.Count < exprs.Count)
        {
            var progress = false;
            for (var i = 0; i < exprs.Count; i++)
            {
                if (placed[i] || !info[i].Needs.All(v => bound.Contains(v.Name)))
                    continue;
                Place(i);
                progress = true;
                break;
            }

            if (progress)
                continue;
            if (!lenient)
            {
                var canBind = new HashSet<string>(bound, StringComparer.Ordinal);
                for (var i = 0; i < exprs.Count; i++)
                {
                    if (!placed[i])
                        canBind.UnionWith(info[i].Outputs.Select(v => v.Name));
                }

                for (var i = 0; i < exprs.Count; i++)
                {
                    if (!placed[i] && info[i].Needs.FirstOrDefault(v => !canBind.Contains(v.Name)) is { } unsafeVar)
                        throw new RegoException("rego_unsafe_var_error", $"var {Resolver.Display(unsafeVar.Name)} is unsafe", unsafeVar.Pos);
                }
            }

            for (var i = 0; i < exprs.Count; i++)
            {
                if (!placed[i])
                    Place(i);
            }
        }

        return result;

        void Place(int i)
        {
            placed[i] = true;
            result.Add(exprs[i]);
            foreach (var v in info[i].Outputs)
                bound.Add(v.Name);
        }
    }
}
