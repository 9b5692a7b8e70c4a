using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>Rejects rules and functions that depend on themselves (Rego forbids recursion).</summary>
internal static class RecursionChecker
{
    public static void Check(CompiledPolicy policy)
    {
        var nodes = new List<RuleNode>();
        Collect(policy.Root, nodes);
        var deps = new Dictionary<RuleNode, HashSet<RuleNode>>();
        foreach (var n in nodes)
        {
            var set = new HashSet<RuleNode>();
            foreach (var r in AllRules(n))
                Dependencies(policy.Root, r, set);
            deps[n] = set;
        }

        var state = new Dictionary<RuleNode, int>();
        var stack = new List<RuleNode>();
        foreach (var n in nodes)
            Visit(n);

        void Visit(RuleNode n)
        {
            if (state.GetValueOrDefault(n) == 2)
                return;
            if (state.GetValueOrDefault(n) == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(n)).Append(n).Select(x => x.ToString());
                var rule = AllRules(n).First();
                throw new RegoException("rego_recursion_error", $"rule {n} is recursive: {string.Join(" -> ", cycle)}", rule.Pos);
            }

            state[n] = 1;
            stack.Add(n);
            foreach (var d in deps.GetValueOrDefault(n) ?? [])
                Visit(d);
            stack.RemoveAt(stack.Count - 1);
            state[n] = 2;
        }
    }

    private static IEnumerable<Rule> AllRules(RuleNode n)
    {
        foreach (var r in n.Rules.Concat(n.Functions))
        {
            for (var x = r; x is not null; x = x.Else)
                yield return x;
        }
    }

    private static void Collect(RuleNode n, List<RuleNode> into)
    {
        if (n.Rules.Count > 0 || n.Functions.Count > 0 || n.Default is not null || n.DefaultFunction is not null)
            into.Add(n);
        foreach (var c in n.Children.Values)
            Collect(c, into);
    }

    private static void Dependencies(RuleNode root, Rule r, HashSet<RuleNode> into)
    {
        void OnTerm(Term t)
        {
            switch (t)
            {
                case RefTerm { Head: VarTerm { Name: "data" } } rt:
                    var n = root;
                    var i = 0;
                    for (; i < rt.Path.Count; i++)
                    {
                        if (rt.Path[i] is not ScalarTerm { Value: StringValue s } || !n.Children.TryGetValue(s.Value, out var c))
                            break;
                        n = c;
                        if (n.Rules.Count > 0)
                            break;
                    }

                    if (n.Rules.Count > 0)
                        into.Add(n);
                    else if (i == rt.Path.Count || rt.Path[i] is not ScalarTerm)
                        AddSubtree(n, into);
                    break;
                case CallTerm { FunctionPath: { } fp }:
                    if (root.Find(fp) is { } fn)
                        into.Add(fn);
                    break;
            }
        }

        TermWalker.Rule(r, OnTerm);
    }

    private static void AddSubtree(RuleNode n, HashSet<RuleNode> into)
    {
        if (n.Rules.Count > 0)
            into.Add(n);
        foreach (var c in n.Children.Values)
            AddSubtree(c, into);
    }
}
