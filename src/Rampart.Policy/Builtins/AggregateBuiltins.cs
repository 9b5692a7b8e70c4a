using System.Globalization;
using System.Numerics;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>count, sum, product, max, min, sort, any, all.</summary>
internal static class AggregateBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("count", 1, (_, a) => a[0] switch
        {
            ArrayValue x => NumberValue.Of(x.Count),
            ObjectValue x => NumberValue.Of(x.Count),
            SetValue x => NumberValue.Of(x.Count),
            StringValue s => NumberValue.Of(s.Value.EnumerateRunes().Count()),
            _ => throw TypeError(0, "one of {array, object, set, string}", a[0]),
        }));
        add(new("sum", 1, (_, a) => Fold(a, BigInteger.Zero, 0.0, BigInteger.Add, (x, y) => x + y)));
        add(new("product", 1, (_, a) => Fold(a, BigInteger.One, 1.0, BigInteger.Multiply, (x, y) => x * y)));
        add(new("max", 1, (_, a) => ArrOrSet(a, 0) is var l && l.Count > 0 ? l.Max() : null));
        add(new("min", 1, (_, a) => ArrOrSet(a, 0) is var l && l.Count > 0 ? l.Min() : null));
        add(new("sort", 1, (_, a) =>
        {
            var l = ArrOrSet(a, 0).ToArray();
            Array.Sort(l);
            return new ArrayValue(l);
        }));
        add(new("any", 1, (_, a) => B(ArrOrSet(a, 0).Any(v => v is BooleanValue { Value: true }))));
        add(new("all", 1, (_, a) => B(ArrOrSet(a, 0).All(v => v is BooleanValue { Value: true }))));
    }

    private static NumberValue Fold(Value[] a, BigInteger seed, double dseed, Func<BigInteger, BigInteger, BigInteger> ints, Func<double, double, double> doubles)
    {
        var items = ArrOrSet(a, 0);
        var allInts = true;
        var acc = seed;
        foreach (var v in items)
        {
            if (v is not NumberValue n)
                throw new BuiltinException($"operand 1 must be one of {{set[number], array[number]}} but got {a[0].TypeName} containing {v.TypeName}", "eval_type_error");
            if (!n.IsInteger)
                allInts = false;
            else
                acc = ints(acc, n.IntegerValue);
        }

        if (allInts)
            return NumberValue.Of(acc);
        var d = dseed;
        foreach (var v in items)
            d = doubles(d, ((NumberValue)v).AsDouble);
        return NumberValue.Of(d);
    }

    internal static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
