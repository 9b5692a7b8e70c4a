using System.Globalization;
using System.Numerics;

namespace Rampart.Policy.Values;

/// <summary>
/// A Rego number: an exact integer of any size, or a double when it has a fraction. A double
/// with no fraction is stored as an integer so that 3.0 and 3 are the same value.
/// </summary>
public sealed class NumberValue : Value
{
    private static readonly NumberValue[] Small = Enumerable.Range(-16, 273).Select(i => new NumberValue(new BigInteger(i))).ToArray();

    private NumberValue(BigInteger integer)
    {
        IntegerValue = integer;
        IsInteger = true;
    }

    private NumberValue(double d) => Double = d;

    public bool IsInteger { get; }

    public BigInteger IntegerValue { get; }

    private double Double { get; }

    public double AsDouble => IsInteger ? (double)IntegerValue : Double;

    internal override int TypeRank => 2;

    public override string TypeName => "number";

    public static NumberValue Of(long value) => value is >= -16 and <= 256 ? Small[value + 16] : new NumberValue(new BigInteger(value));

    public static NumberValue Of(BigInteger value) => value >= -16 && value <= 256 ? Small[(int)value + 16] : new NumberValue(value);

    public static NumberValue Of(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new OverflowException("number is not finite");
        if (Math.Floor(value) == value && Math.Abs(value) < 1e300)
            return Of(new BigInteger(value));
        return new NumberValue(value);
    }

    public static NumberValue Of(decimal value) =>
        decimal.Truncate(value) == value ? Of(new BigInteger(value)) : new NumberValue((double)value);

    /// <summary>Parses a JSON/Rego number literal exactly when it is an integer (also 1e3 forms).</summary>
    public static NumberValue Parse(string text)
    {
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return Of(integer);
        if (ExactInteger(text) is { } exact)
            return Of(exact);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec))
            return Of(dec);
        return Of(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>1e30 or 12.5e3 as an exact integer, when the value has no fraction (and a sane exponent).</summary>
    private static BigInteger? ExactInteger(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        var exp = 0;
        if (e >= 0 && !int.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            return null;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exp -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        if (!BigInteger.TryParse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) || exp > 10_000)
            return null;
        while (exp < 0 && !m.IsZero && m % 10 == 0)
        {
            m /= 10;
            exp++;
        }

        if (m.IsZero)
            return BigInteger.Zero;
        return exp < 0 ? null : m * BigInteger.Pow(10, exp);
    }

    public bool TryGetInt(out int value)
    {
        if (IsInteger && IntegerValue >= int.MinValue && IntegerValue <= int.MaxValue)
        {
            value = (int)IntegerValue;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryGetLong(out long value)
    {
        if (IsInteger && IntegerValue >= long.MinValue && IntegerValue <= long.MaxValue)
        {
            value = (long)IntegerValue;
            return true;
        }

        value = 0;
        return false;
    }

    internal override int ComputeHash() => IsInteger ? IntegerValue.GetHashCode() : Double.GetHashCode();

    internal override int CompareSameType(Value other)
    {
        var o = (NumberValue)other;
        if (IsInteger && o.IsInteger)
            return IntegerValue.CompareTo(o.IntegerValue);
        return AsDouble.CompareTo(o.AsDouble);
    }

    public string ToJson() => IsInteger ? IntegerValue.ToString(CultureInfo.InvariantCulture) : Double.ToString("R", CultureInfo.InvariantCulture);
}
