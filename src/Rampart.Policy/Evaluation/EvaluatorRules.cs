using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private Value? EvalRuleSet(RuleNode node)
    {
        Value? complete = null;
        Rule? completeRule = null;
        HashSet<Value>? set = null;
        Dictionary<Value, object>? tree = null;
        foreach (var rule in node.Rules)
        {
            switch (rule.Kind)
            {
                case RuleKind.Complete:
                    foreach (var v in CompleteValues(rule))
                    {
                        if (complete is not null && complete != v)
                            throw Conflict(completeRule!, rule);
                        complete = v;
                        completeRule = rule;
                    }

                    break;
                case RuleKind.PartialSet when rule.Suffix.Count == 0:
                    set ??= [];
                    var single = IsConstant(rule.Key!);
                    RuleSolutions(rule, f => EvalTerm(rule.Key!, f, v =>
                    {
                        set.Add(v);
                        return single;
                    }));
                    break;
                default:
                    tree ??= [];
                    var isSet = rule.Kind == RuleKind.PartialSet;

                    // Constant keys and value (c["k"] := 1 if …): every solution adds the same entry, so
                    // stop at the first, as OPA's early exit does (later iterations may not even be valid).
                    var once = rule.Suffix.All(IsConstant) && IsConstant(isSet ? rule.Key! : rule.Value!);
                    RuleSolutions(rule, f => EvalList(rule.Suffix, f, keys => EvalTerm(isSet ? rule.Key! : rule.Value!, f, v =>
                    {
                        Insert(tree, keys, v, isSet, rule);
                        return once;
                    })));
                    break;
            }
        }

        foreach (var kd in node.KeyDefaults)
        {
            // The default holds for its key unless a rule gave that key a value.
            tree ??= [];
            var keys = kd.Suffix.Select(t => ((ScalarTerm)t).Value).ToArray();
            if (!HasPath(tree, keys))
                EvalTerm(kd.Value!, new Frame(), v =>
                {
                    Insert(tree, keys, v, isSet: false, kd);
                    return true;
                });
        }

        if (complete is not null)
            return complete;
        if (set is not null)
            return SetValue.Wrap(set);
        if (tree is not null)
            return Freeze(tree);
        if (node.Default is { } d)
        {
            Value? dv = null;
            EvalTerm(d.Value!, new Frame(), v =>
            {
                dv = v;
                return true;
            });
            return dv;
        }

        return null;
    }

    private static RegoException Conflict(Rule first, Rule second) =>
        new("eval_conflict_error", $"complete rules must not produce multiple outputs: rule data.{second.DisplayName} produced conflicting values", second.Pos);

    /// <summary>The values a complete rule (with its else chain) produces.</summary>
    private HashSet<Value> CompleteValues(Rule rule)
    {
        var values = new HashSet<Value>();
        for (var r = rule; r is not null; r = r.Else)
        {
            var constant = IsConstant(r.Value!);
            var f = new Frame();
            var current = r;
            EvalBody(current.Body.Exprs, 0, f, () => EvalTerm(current.Value!, f, v =>
            {
                values.Add(v);
                return constant;
            }));
            if (values.Count > 0)
                break;
        }

        return values;
    }

    private static bool HasPath(Dictionary<Value, object> tree, Value[] keys)
    {
        object cur = tree;
        foreach (var k in keys)
        {
            if (cur is not Dictionary<Value, object> d || !d.TryGetValue(k, out var next))
                return false;
            cur = next;
        }

        return true;
    }

    private static bool IsConstant(Term t) => t switch
    {
        ScalarTerm => true,
        ArrayTerm a => a.Items.All(IsConstant),
        SetTerm s => s.Items.All(IsConstant),
        ObjectTerm o => o.Items.All(kv => IsConstant(kv.Key) && IsConstant(kv.Value)),
        _ => false,
    };

    private void RuleSolutions(Rule rule, Func<Frame, bool> onSolution)
    {
        var f = new Frame();
        EvalBody(rule.Body.Exprs, 0, f, () => onSolution(f));
    }

    private static void Insert(Dictionary<Value, object> tree, Value[] keys, Value v, bool isSet, Rule rule)
    {
        var cur = tree;
        var last = isSet ? keys.Length : keys.Length - 1;
        for (var i = 0; i < last; i++)
        {
            if (!cur.TryGetValue(keys[i], out var next))
                cur[keys[i]] = next = isSet && i == last - 1 ? new HashSet<Value>() : new Dictionary<Value, object>();
            if (isSet && i == last - 1)
            {
                if (next is not HashSet<Value> hs)
                    throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Pos);
                hs.Add(v);
                return;
            }

            cur = next as Dictionary<Value, object> ?? throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Pos);
        }

        if (isSet)
            throw new RegoException("eval_conflict_error", "invalid set rule", rule.Pos);
        if (cur.TryGetValue(keys[^1], out var existing) && (existing is not Value ev || ev != v))
            throw new RegoException("eval_conflict_error", "object keys must be unique", rule.Pos);
        cur[keys[^1]] = v;
    }

    private static ObjectValue Freeze(Dictionary<Value, object> tree)
    {
        var d = new Dictionary<Value, Value>();
        foreach (var (k, v) in tree)
        {
            d[k] = v switch
            {
                Value x => x,
                HashSet<Value> s => SetValue.Wrap(s),
                Dictionary<Value, object> sub => Freeze(sub),
                _ => throw new InvalidOperationException(),
            };
        }

        return ObjectValue.Wrap(d);
    }
}
