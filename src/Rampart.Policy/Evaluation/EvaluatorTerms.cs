using System.Text;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalTerm(Term t, Frame f, Func<Value, bool> k)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new RegoException("eval_internal_error", "evaluation nested too deeply", t.Pos);
        switch (t)
        {
            case ScalarTerm s:
                return k(s.Value);
            case VarTerm v:
                if (f.TryGet(v.Name, out var bound))
                    return k(bound);
                if (v.Name == "input")
                    return ctx.Input is { } input && k(input);
                if (v.Name == "data")
                    return EvalData(policy.Root, ctx.Data, [], 0, f, k);
                throw Unsafe(v);
            case RefTerm r:
                if (TryDirect(r, f, out var direct))
                    return direct is not null && k(direct);
                return EvalRef(r, f, k);
            case ArrayTerm a:
                return EvalList(a.Items, f, vs => k(new ArrayValue(vs)));
            case SetTerm s:
                return EvalList(s.Items, f, vs => k(SetValue.Of(vs)));
            case ObjectTerm o:
                return EvalList(o.Items.SelectMany(kv => new[] { kv.Key, kv.Value }).ToList(), f, vs =>
                {
                    var d = new Dictionary<Value, Value>();
                    for (var i = 0; i < vs.Length; i += 2)
                        d[vs[i]] = vs[i + 1];
                    return k(ObjectValue.Wrap(d));
                });
            case ArrayComprehension ac:
                {
                    var items = new List<Value>();
                    EvalBody(ac.Body.Exprs, 0, f, () => EvalTerm(ac.Item, f, v =>
                    {
                        items.Add(v);
                        return false;
                    }));
                    return k(new ArrayValue(items));
                }

            case SetComprehension sc:
                {
                    var items = new HashSet<Value>();
                    EvalBody(sc.Body.Exprs, 0, f, () => EvalTerm(sc.Item, f, v =>
                    {
                        items.Add(v);
                        return false;
                    }));
                    return k(SetValue.Wrap(items));
                }

            case ObjectComprehension oc:
                {
                    var d = new Dictionary<Value, Value>();
                    EvalBody(oc.Body.Exprs, 0, f, () => EvalTerm(oc.Key, f, key => EvalTerm(oc.Value, f, val =>
                    {
                        if (d.TryGetValue(key, out var existing) && existing != val)
                            throw new RegoException("eval_conflict_error", "object keys must be unique", oc.Pos);
                        d[key] = val;
                        return false;
                    })));
                    return k(ObjectValue.Wrap(d));
                }

            case CallTerm c:
                return EvalCall(c, f, k);
            case TemplateTerm tt:
                return EvalList(tt.Parts, f, vs =>
                {
                    var sb = new StringBuilder();
                    foreach (var v in vs)
                        sb.Append(Builtins.Sprintf.Plain(v));
                    return k(new StringValue(sb.ToString()));
                });
            default:
                throw new InvalidOperationException("unknown term");
        }
    }

    /// <summary>
    /// The value of a term that needs no search (a constant, a bound variable, a ref through
    /// input or a local with constant keys): the hot path of most policies, without continuations.
    /// </summary>
    private bool TryDirect(Term t, Frame f, out Value? value)
    {
        switch (t)
        {
            case ScalarTerm s:
                value = s.Value;
                return true;
            case VarTerm v when f.TryGet(v.Name, out var bound):
                value = bound;
                return true;
            case RefTerm { Head: VarTerm h } r:
                Value? cur;
                if (f.TryGet(h.Name, out var local))
                    cur = local;
                else if (h.Name == "input")
                    cur = ctx.Input;
                else
                    break;
                foreach (var p in r.Path)
                {
                    if (p is not ScalarTerm key)
                        goto default;
                    if (cur is null)
                        break;
                    cur = Index(cur, key.Value);
                }

                value = cur;
                return true;
            default:
                break;
        }

        value = null;
        return false;
    }

    private bool EvalList(IReadOnlyList<Term> items, Frame f, Func<Value[], bool> k)
    {
        if (items.Count <= 4)
        {
            var direct = new Value[items.Count];
            var ok = true;
            for (var i = 0; i < items.Count && ok; i++)
            {
                if (!TryDirect(items[i], f, out var v))
                    ok = false;
                else if (v is null)
                    return false;
                else
                    direct[i] = v;
            }

            if (ok)
                return k(direct);
        }

        var values = new Value[items.Count];
        bool Step(int i)
        {
            if (i == items.Count)
                return k((Value[])values.Clone());
            return EvalTerm(items[i], f, v =>
            {
                values[i] = v;
                return Step(i + 1);
            });
        }

        return Step(0);
    }

    private bool EvalRef(RefTerm r, Frame f, Func<Value, bool> k)
    {
        switch (r.Head)
        {
            case VarTerm { Name: "data" } when !f.IsBound("data"):
                {
                    // Walk the constant prefix (data.pkg.rule) without continuations.
                    RuleNode? node = policy.Root;
                    Value? baseVal = ctx.Data;
                    var i = 0;
                    while (i < r.Path.Count && node is not null && !node.HasRules && !ctx.Masked.Contains(node) && r.Path[i] is ScalarTerm { Value: StringValue name })
                    {
                        node = node.Children.GetValueOrDefault(name.Value);
                        baseVal = baseVal is null ? null : Index(baseVal, name);
                        i++;
                        if (node is null && baseVal is null)
                            return false;
                    }

                    return EvalData(node, baseVal, r.Path, i, f, k);
                }
            case VarTerm { Name: "input" } when !f.IsBound("input"):
                return ctx.Input is { } input && Walk(input, r.Path, 0, f, k);
            default:
                return EvalTerm(r.Head, f, head => Walk(head, r.Path, 0, f, k));
        }
    }

    private bool Walk(Value cur, IReadOnlyList<Term> path, int i, Frame f, Func<Value, bool> k)
    {
        if (i == path.Count)
            return k(cur);
        var key = path[i];
        if (key is ScalarTerm s)
            return Index(cur, s.Value) is { } child && Walk(child, path, i + 1, f, k);
        if (TryDirect(key, f, out var direct))
            return direct is not null && Index(cur, direct) is { } dchild && Walk(dchild, path, i + 1, f, k);
        if (HasUnbound(key, f))
        {
            foreach (var (ek, ev) in Entries(cur))
            {
                if (UnifyValue(key, ek, f, () => Walk(ev, path, i + 1, f, k)))
                    return true;
            }

            return false;
        }

        return EvalTerm(key, f, kv => Index(cur, kv) is { } child && Walk(child, path, i + 1, f, k));
    }

    private static bool HasUnbound(Term t, Frame f) => t switch
    {
        VarTerm v => !f.IsBound(v.Name) && v.Name is not ("input" or "data"),
        RefTerm r => HasUnbound(r.Head, f) || r.Path.Any(p => HasUnbound(p, f)),
        ArrayTerm a => a.Items.Any(x => HasUnbound(x, f)),
        SetTerm s => s.Items.Any(x => HasUnbound(x, f)),
        ObjectTerm o => o.Items.Any(kv => HasUnbound(kv.Key, f) || HasUnbound(kv.Value, f)),
        CallTerm c => c.Args.Any(x => HasUnbound(x, f)),
        _ => false,
    };

    private bool Unify(Term a, Term b, Frame f, Func<bool> k)
    {
        if (a is VarTerm va && HasUnbound(a, f))
        {
            if (b is VarTerm vb && HasUnbound(b, f))
                throw Unsafe(va.IsWildcard ? vb : va);
            return EvalTerm(b, f, v => Bind(va, v, f, k));
        }

        if (b is VarTerm vb2 && HasUnbound(b, f))
            return EvalTerm(a, f, v => Bind(vb2, v, f, k));
        if (a is ArrayTerm aa && b is ArrayTerm ab)
            return aa.Items.Count == ab.Items.Count && UnifyPairs(aa.Items, ab.Items, 0, f, k);
        // A reference whose only unbound variables are in its path (xs[_]) enumerates; evaluate it and
        // match the other side, which may itself be a pattern ([l, r]).
        if (HasUnbound(a, f) && !(a is RefTerm ra && !HasUnbound(ra.Head, f)))
            return EvalTerm(b, f, v => UnifyValue(a, v, f, k));
        return EvalTerm(a, f, v => UnifyValue(b, v, f, k));
    }

    private bool UnifyPairs(IReadOnlyList<Term> a, IReadOnlyList<Term> b, int i, Frame f, Func<bool> k) =>
        i == a.Count ? k() : Unify(a[i], b[i], f, () => UnifyPairs(a, b, i + 1, f, k));

    private static bool Bind(VarTerm v, Value value, Frame f, Func<bool> k)
    {
        f.Bind(v.Name, value);
        var stop = k();
        f.Unbind(v.Name);
        return stop;
    }

    private bool UnifyValue(Term p, Value v, Frame f, Func<bool> k)
    {
        switch (p)
        {
            case VarTerm var:
                if (f.TryGet(var.Name, out var bound))
                    return bound == v && k();
                if (var.Name is "input" or "data")
                    return EvalTerm(p, f, pv => pv == v && k());
                return Bind(var, v, f, k);
            case ScalarTerm s:
                return s.Value == v && k();
            case ArrayTerm a:
                return v is ArrayValue av && av.Count == a.Items.Count && UnifyItems(a.Items, av.Items, 0, f, k);
            case ObjectTerm o when HasUnbound(o, f):
                if (v is not ObjectValue ov || ov.Count != o.Items.Count)
                    return false;
                return EvalList(o.Items.Select(kv => kv.Key).ToList(), f, keys =>
                {
                    var vals = new Value[keys.Length];
                    for (var i = 0; i < keys.Length; i++)
                    {
                        if (ov.Get(keys[i]) is not { } x)
                            return false;
                        vals[i] = x;
                    }

                    return UnifyItems(o.Items.Select(kv => kv.Value).ToList(), vals, 0, f, k);
                });
            default:
                return EvalTerm(p, f, pv => pv == v && k());
        }
    }

    private bool UnifyItems(IReadOnlyList<Term> terms, IReadOnlyList<Value> values, int i, Frame f, Func<bool> k) =>
        i == terms.Count ? k() : UnifyValue(terms[i], values[i], f, () => UnifyItems(terms, values, i + 1, f, k));
}
