using System.Numerics;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>Comparison, arithmetic, set operators, membership and number built-ins.</summary>
internal static class OperatorBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("equal", 2, (_, a) => B(a[0] == a[1])));
        add(new("neq", 2, (_, a) => B(a[0] != a[1])));
        add(new("lt", 2, (_, a) => B(a[0].CompareTo(a[1]) < 0)));
        add(new("lte", 2, (_, a) => B(a[0].CompareTo(a[1]) <= 0)));
        add(new("gt", 2, (_, a) => B(a[0].CompareTo(a[1]) > 0)));
        add(new("gte", 2, (_, a) => B(a[0].CompareTo(a[1]) >= 0)));
        add(new("plus", 2, (_, a) => Arith(a, BigInteger.Add, (x, y) => x + y)));
        add(new("minus", 2, (_, a) => a[0] is SetValue s && a[1] is SetValue t
            ? SetValue.Of(s.Sorted.Where(x => !t.Contains(x)))
            : a[0] is SetValue ? throw TypeError(1, "set", a[1]) : Arith(a, BigInteger.Subtract, (x, y) => x - y)));
        add(new("mul", 2, (_, a) => Arith(a, BigInteger.Multiply, (x, y) => x * y)));
        add(new("div", 2, (_, a) => Div(Num(a, 0), Num(a, 1))));
        add(new("rem", 2, (_, a) => Rem(Num(a, 0), Num(a, 1))));
        add(new("and", 2, (_, a) => SetValue.Of(Set(a, 0).Sorted.Where(Set(a, 1).Contains))));
        add(new("or", 2, (_, a) => SetValue.Of(Set(a, 0).Sorted.Concat(Set(a, 1).Sorted))));
        add(new("internal.member_2", 2, (_, a) => B(Operand.Members(a[1]).Any(x => x.Value == a[0]))));
        add(new("internal.member_3", 3, (_, a) => B(Operand.Members(a[2]).Any(x => x.Key == a[0] && x.Value == a[1]))));
        add(new("abs", 1, (_, a) => Num(a, 0) is var n && n.IsInteger ? NumberValue.Of(BigInteger.Abs(n.IntegerValue)) : NumberValue.Of(Math.Abs(n.AsDouble))));
        add(new("round", 1, (_, a) => Num(a, 0) is var n && n.IsInteger ? n : NumberValue.Of(Math.Round(n.AsDouble, MidpointRounding.AwayFromZero))));
        add(new("ceil", 1, (_, a) => Num(a, 0) is var n && n.IsInteger ? n : NumberValue.Of(Math.Ceiling(n.AsDouble))));
        add(new("floor", 1, (_, a) => Num(a, 0) is var n && n.IsInteger ? n : NumberValue.Of(Math.Floor(n.AsDouble))));
        add(new("numbers.range", 2, (_, a) => Range(a, BigInteger.One, stepGiven: false)));
        add(new("numbers.range_step", 3, (_, a) => Range(a, IntegerOf(a, 2), stepGiven: true)));
        add(new("bits.and", 2, (_, a) => NumberValue.Of(IntegerOf(a, 0) & IntegerOf(a, 1))));
        add(new("bits.or", 2, (_, a) => NumberValue.Of(IntegerOf(a, 0) | IntegerOf(a, 1))));
        add(new("bits.xor", 2, (_, a) => NumberValue.Of(IntegerOf(a, 0) ^ IntegerOf(a, 1))));
        add(new("bits.negate", 1, (_, a) => NumberValue.Of(-IntegerOf(a, 0) - 1)));
        add(new("bits.lsh", 2, (_, a) => NumberValue.Of(IntegerOf(a, 0) << Shift(a))));
        add(new("bits.rsh", 2, (_, a) => NumberValue.Of(IntegerOf(a, 0) >> Shift(a))));
    }

    private static int Shift(Value[] a)
    {
        var n = IntegerOf(a, 1);
        return n < 0 ? throw new BuiltinException("must be an unsigned integer number but got a negative integer") : n > 100_000 ? throw new BuiltinException("shift too large") : (int)n;
    }

    private static BigInteger IntegerOf(Value[] a, int i)
    {
        var n = Num(a, i);
        return n.IsInteger ? n.IntegerValue : throw new BuiltinException($"operand {i + 1} must be integer number but got floating-point number", "eval_type_error");
    }

    private static NumberValue Arith(Value[] a, Func<BigInteger, BigInteger, BigInteger> ints, Func<double, double, double> doubles)
    {
        var x = Num(a, 0);
        var y = Num(a, 1);
        if (x.IsInteger && y.IsInteger)
            return NumberValue.Of(ints(x.IntegerValue, y.IntegerValue));
        var r = doubles(x.AsDouble, y.AsDouble);
        return double.IsFinite(r) ? NumberValue.Of(r) : throw new BuiltinException("arithmetic result is not a finite number");
    }

    private static NumberValue Div(NumberValue x, NumberValue y)
    {
        if (y.IsInteger && y.IntegerValue.IsZero || (!y.IsInteger && y.AsDouble == 0))
            throw new BuiltinException("divide by zero");
        if (x.IsInteger && y.IsInteger && BigInteger.Remainder(x.IntegerValue, y.IntegerValue).IsZero)
            return NumberValue.Of(BigInteger.Divide(x.IntegerValue, y.IntegerValue));
        return NumberValue.Of(x.AsDouble / y.AsDouble);
    }

    private static NumberValue Rem(NumberValue x, NumberValue y)
    {
        if (!x.IsInteger || !y.IsInteger)
            throw new BuiltinException("modulo on floating-point number");
        if (y.IntegerValue.IsZero)
            throw new BuiltinException("modulo by zero");
        return NumberValue.Of(BigInteger.Remainder(x.IntegerValue, y.IntegerValue));
    }

    private static ArrayValue Range(Value[] a, BigInteger step, bool stepGiven)
    {
        var from = IntegerOf(a, 0);
        var to = IntegerOf(a, 1);
        if (stepGiven && step <= 0)
            throw new BuiltinException("step must be a positive integer");
        if (BigInteger.Abs(to - from) / step > 10_000_000)
            throw new BuiltinException("range too large");
        var list = new List<Value>();
        if (from <= to)
        {
            for (var i = from; i <= to; i += step)
                list.Add(NumberValue.Of(i));
        }
        else
        {
            for (var i = from; i >= to; i -= step)
                list.Add(NumberValue.Of(i));
        }

        return new ArrayValue(list);
    }
}
