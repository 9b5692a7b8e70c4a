using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>Array and set built-ins, and walk.</summary>
internal static class CollectionBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("array.concat", 2, (_, a) => new ArrayValue([.. Arr(a, 0).Items, .. Arr(a, 1).Items])));
        add(new("array.slice", 3, (_, a) =>
        {
            var arr = Arr(a, 0);
            var start = Math.Max(0, Int(a, 1));
            var stop = Math.Min(arr.Count, Int(a, 2));
            return start >= stop ? ArrayValue.Empty : new ArrayValue(arr.Items.Skip(start).Take(stop - start).ToList());
        }));
        add(new("array.flatten", 1, (_, a) => new ArrayValue(Arr(a, 0).Items.SelectMany(v => v is ArrayValue inner ? inner.Items : [v]).ToList())));
        add(new("array.reverse", 1, (_, a) => new ArrayValue(Arr(a, 0).Items.Reverse().ToList())));
        add(new("union", 1, (_, a) => SetValue.Of(Set(a, 0).Sorted.SelectMany(s => s is SetValue x ? x.Sorted : throw new BuiltinException("operand 1 must be set[set[any]]", "eval_type_error")))));
        add(new("intersection", 1, (_, a) =>
        {
            var sets = Set(a, 0).Sorted.Select(s => s as SetValue ?? throw new BuiltinException("operand 1 must be set[set[any]]", "eval_type_error")).ToList();
            return sets.Count == 0 ? SetValue.Empty : SetValue.Of(sets[0].Sorted.Where(x => sets.All(s => s.Contains(x))));
        }));
        add(new("walk", 1, (_, a) =>
        {
            var list = new List<Value>();
            Walk(a[0], [], list);
            return new ArrayValue(list);
        }) { Multi = true });
    }

    private static void Walk(Value v, List<Value> path, List<Value> into)
    {
        into.Add(new ArrayValue([new ArrayValue(path.ToArray()), v]));
        foreach (var (k, child) in Members(v))
        {
            path.Add(k);
            Walk(child, path, into);
            path.RemoveAt(path.Count - 1);
        }
    }
}
