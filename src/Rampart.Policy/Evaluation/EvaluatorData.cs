using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Walks <c>data</c>: base documents and the rules defined under each path, merged.</summary>
    private bool EvalData(RuleNode? node, Value? baseVal, IReadOnlyList<Term> path, int i, Frame f, Func<Value, bool> k)
    {
        if (node is not null && ctx.Masked.Contains(node))
            node = null;
        if (node is not null && node.HasRules)
            return NodeValue(node, baseVal) is { } v && Walk(v, path, i, f, k);
        if (i == path.Count)
        {
            var v = node is null ? baseVal : NodeValue(node, baseVal);
            return v is not null && k(v);
        }

        if (node is null && baseVal is not ObjectValue)
            return baseVal is not null && Walk(baseVal, path, i, f, k);
        var key = path[i];
        bool Step(Value kv)
        {
            // data paths are strings: data.a[2] reads the key "2" (as OPA does).
            var name = kv switch { StringValue s => s.Value, NumberValue n => n.ToJson(), _ => null };
            var child = name is null || node is null ? null : node.Children.GetValueOrDefault(name);
            var childBase = baseVal is null ? null : Index(baseVal, kv) ?? (baseVal is ObjectValue && name is not null ? Index(baseVal, new StringValue(name)) : null);
            return (child is not null || childBase is not null) && EvalData(child, childBase, path, i + 1, f, k);
        }

        if (!HasUnbound(key, f))
            return EvalTerm(key, f, Step);
        var keys = node is null ? [] : new SortedSet<Value>(node.Children.Keys.Select(n => (Value)new StringValue(n)));
        if (baseVal is not null)
        {
            foreach (var (bk, _) in Entries(baseVal))
                keys.Add(bk);
        }

        foreach (var kv in keys)
        {
            if (UnifyValue(key, kv, f, () => Step(kv)))
                return true;
        }

        return false;
    }

    private Value? NodeValue(RuleNode node, Value? baseVal)
    {
        if (ctx.Masked.Contains(node))
            return baseVal;
        if (ctx.Cache.TryGetValue(node, out var cached))
            return cached;
        if (!ctx.InProgress.Add(node))
            throw new RegoException("rego_recursion_error", $"rule {node} is recursive");
        Value? result;
        try
        {
            result = Compute();
        }
        finally
        {
            ctx.InProgress.Remove(node);
        }

        ctx.Cache[node] = result;
        return result;

        Value? Compute()
        {
            if (node.HasRules)
            {
                var rv = EvalRuleSet(node);
                if (rv is ObjectValue obj && node.Children.Count > 0)
                    return MergeChildren(node, obj.ToDictionary(), baseVal);
                return rv;
            }

            if (node.Children.Count == 0)
                return baseVal ?? (node.IsPackage ? ObjectValue.Empty : null);
            var d = baseVal is ObjectValue bo ? bo.ToDictionary() : [];
            return MergeChildren(node, d, baseVal);
        }
    }

    private ObjectValue MergeChildren(RuleNode node, Dictionary<Value, Value> d, Value? baseVal)
    {
        foreach (var (name, child) in node.Children)
        {
            var key = new StringValue(name);
            var cv = NodeValue(child, baseVal is null ? null : Index(baseVal, key));
            if (cv is not null)
                d[key] = cv;
        }

        return ObjectValue.Wrap(d);
    }
}
