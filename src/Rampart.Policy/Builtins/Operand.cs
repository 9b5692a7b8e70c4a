using Rampart.Policy.Values;

namespace Rampart.Policy.Builtins;

/// <summary>Typed access to built-in operands, with OPA's error texts.</summary>
internal static class Operand
{
    public static BuiltinException TypeError(int i, string expected, Value got) =>
        new($"operand {i + 1} must be {expected} but got {got.TypeName}", "eval_type_error");

    public static string Str(Value[] a, int i) => a[i] is StringValue s ? s.Value : throw TypeError(i, "string", a[i]);

    public static NumberValue Num(Value[] a, int i) => a[i] as NumberValue ?? throw TypeError(i, "number", a[i]);

    public static ArrayValue Arr(Value[] a, int i) => a[i] as ArrayValue ?? throw TypeError(i, "array", a[i]);

    public static ObjectValue Obj(Value[] a, int i) => a[i] as ObjectValue ?? throw TypeError(i, "object", a[i]);

    public static SetValue Set(Value[] a, int i) => a[i] as SetValue ?? throw TypeError(i, "set", a[i]);

    public static bool Bool(Value[] a, int i) => a[i] is BooleanValue b ? b.Value : throw TypeError(i, "boolean", a[i]);

    public static int Int(Value[] a, int i)
    {
        var n = Num(a, i);
        return n.TryGetInt(out var v) ? v : throw new BuiltinException($"operand {i + 1} must be integer number but got floating-point number", "eval_type_error");
    }

    /// <summary>An array or set operand as a list (sets in sorted order).</summary>
    public static IReadOnlyList<Value> ArrOrSet(Value[] a, int i) => a[i] switch
    {
        ArrayValue arr => arr.Items,
        SetValue s => s.Sorted,
        _ => throw TypeError(i, "one of {array, set}", a[i]),
    };

    /// <summary>Strings from an array or set of strings.</summary>
    public static List<string> Strings(Value[] a, int i)
    {
        var list = new List<string>();
        foreach (var v in ArrOrSet(a, i))
            list.Add(v is StringValue s ? s.Value : throw new BuiltinException($"operand {i + 1} must be one of {{set[string], array[string]}} but got {a[i].TypeName} containing {v.TypeName}", "eval_type_error"));
        return list;
    }

    public static StringValue S(string s) => new(s);

    public static BooleanValue B(bool b) => BooleanValue.Of(b);

    /// <summary>Key/value pairs of a collection (array index, object key, set member); nothing for scalars.</summary>
    public static IEnumerable<(Value Key, Value Value)> Members(Value v) => Evaluation.Evaluator.Entries(v);
}
