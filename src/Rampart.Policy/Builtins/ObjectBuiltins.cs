using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>object.*, json.filter / json.remove / json.patch.</summary>
internal static class ObjectBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("object.get", 3, (_, a) =>
        {
            var o = Obj(a, 0);
            if (a[1] is ArrayValue path)
            {
                Value cur = o;
                foreach (var k in path.Items)
                {
                    if (Evaluation.Evaluator.Index(cur, k) is not { } next || cur is SetValue)
                        return a[2];
                    cur = next;
                }

                return cur;
            }

            return o.Get(a[1]) ?? a[2];
        }));
        add(new("object.keys", 1, (_, a) => SetValue.Of(Obj(a, 0).Keys)));
        add(new("object.union", 2, (_, a) => Union(Obj(a, 0), Obj(a, 1))));
        add(new("object.union_n", 1, (_, a) =>
        {
            var acc = ObjectValue.Empty;
            foreach (var v in Arr(a, 0).Items)
                acc = Union(acc, v as ObjectValue ?? throw new BuiltinException("operand 1 must be array[object]", "eval_type_error"));
            return acc;
        }));
        add(new("object.remove", 2, (_, a) =>
        {
            var o = Obj(a, 0);
            var remove = KeySet(a, 1);
            return ObjectValue.Of(o.Sorted.Where(kv => !remove.Contains(kv.Key)));
        }));
        add(new("object.filter", 2, (_, a) =>
        {
            var o = Obj(a, 0);
            var keep = KeySet(a, 1);
            return ObjectValue.Of(o.Sorted.Where(kv => keep.Contains(kv.Key)));
        }));
        add(new("object.subset", 2, (_, a) => B(Subset(a[0], a[1]))));
        add(new("json.filter", 2, (_, a) => JsonPaths.Filter(Obj(a, 0), JsonPaths.Parse(a, 1))));
        add(new("json.remove", 2, (_, a) => JsonPaths.Remove(Obj(a, 0), JsonPaths.Parse(a, 1))));
        add(new("json.patch", 2, (_, a) => JsonPatch.Apply(a[0], Arr(a, 1))));
    }

    private static HashSet<Value> KeySet(Value[] a, int i) => a[i] switch
    {
        ArrayValue arr => [.. arr.Items],
        SetValue s => [.. s.Sorted],
        ObjectValue o => [.. o.Keys],
        _ => throw TypeError(i, "one of {object, set, array}", a[i]),
    };

    public static ObjectValue Union(ObjectValue x, ObjectValue y)
    {
        var d = x.ToDictionary();
        foreach (var (k, v) in y.Sorted)
            d[k] = d.TryGetValue(k, out var old) && old is ObjectValue oo && v is ObjectValue vo ? Union(oo, vo) : v;
        return ObjectValue.Wrap(d);
    }

    private static bool Subset(Value super, Value sub)
    {
        switch (super, sub)
        {
            case (ObjectValue so, ObjectValue bo):
                return bo.Sorted.All(kv => so.Get(kv.Key) is { } sv && (sv == kv.Value || (sv is ObjectValue && kv.Value is ObjectValue && Subset(sv, kv.Value)) || (sv is SetValue && kv.Value is SetValue && Subset(sv, kv.Value)) || (sv is ArrayValue && kv.Value is ArrayValue && Subset(sv, kv.Value))));
            case (SetValue ss, SetValue bs):
                return bs.Sorted.All(ss.Contains);
            case (ArrayValue sa, ArrayValue ba):
                if (ba.Count == 0)
                    return true;
                for (var i = 0; i + ba.Count <= sa.Count; i++)
                {
                    if (ba.Items.Select((v, j) => sa.Items[i + j] == v).All(x => x))
                        return true;
                }

                return false;
            case (SetValue ss2, ArrayValue ba2):
                return ba2.Items.All(ss2.Contains);
            default:
                throw new BuiltinException("both arguments to object.subset must be of the same type or array and set", "eval_type_error");
        }
    }
}
