using System.Globalization;
using System.Numerics;

namespace Rampart.Policy.Values;

/// <summary>
/// A Rego number, exact as OPA keeps it: an integer of any size, or a decimal fraction
/// <c>Unscaled × 10^-Scale</c> (normalised, so 3.50, 35e-1 and 3.5 are one value and 3.0 is the
/// integer 3). Literals keep every digit (<c>0.1234567890123456789</c>, <c>1e-400</c>); arithmetic on
/// fractions runs in double precision and its result is read back as the shortest decimal of that double.
/// </summary>
public sealed class NumberValue : Value
{
    /// <summary>Decimal exponents beyond this stay doubles rather than becoming huge exact values.</summary>
    private const int MaxExponent = 10_000;

    private static readonly NumberValue[] Small = Enumerable.Range(-16, 273).Select(i => new NumberValue(new BigInteger(i), 0)).ToArray();

    private NumberValue(BigInteger unscaled, int scale)
    {
        Unscaled = unscaled;
        Scale = scale;
    }

    public bool IsInteger => Scale == 0;

    public BigInteger IntegerValue => IsInteger ? Unscaled : throw new InvalidOperationException("not an integer");

    /// <summary>Digits of the value; with <see cref="Scale"/>, the value is Unscaled / 10^Scale.</summary>
    private BigInteger Unscaled { get; }

    private int Scale { get; }

    public double AsDouble => IsInteger ? (double)Unscaled : double.Parse(DecimalText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    internal override int TypeRank => 2;

    public override string TypeName => "number";

    public static NumberValue Of(long value) => value is >= -16 and <= 256 ? Small[value + 16] : new NumberValue(new BigInteger(value), 0);

    public static NumberValue Of(BigInteger value) => value >= -16 && value <= 256 ? Small[(int)value + 16] : new NumberValue(value, 0);

    public static NumberValue Of(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new OverflowException("number is not finite");
        if (Math.Floor(value) == value && Math.Abs(value) < 1e300)
            return Of(new BigInteger(value));
        return Exact(value.ToString("R", CultureInfo.InvariantCulture)) ?? throw new OverflowException("number out of range");
    }

    public static NumberValue Of(decimal value) => Exact(value.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>Parses a JSON/Rego number literal, keeping every digit.</summary>
    public static NumberValue Parse(string text)
    {
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return Of(integer);
        return Exact(text) ?? Of(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>[-]digits[.digits][e[+-]digits] exactly, or null when it is not that form or its exponent is absurd.</summary>
    private static NumberValue? Exact(string text)
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

        if (!BigInteger.TryParse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) || Math.Abs((long)exp) > MaxExponent)
            return null;
        return Normalised(m, -exp);
    }

    private static NumberValue Normalised(BigInteger unscaled, int scale)
    {
        if (unscaled.IsZero)
            return Of(0);
        while (scale > 0 && unscaled % 10 == 0)
        {
            unscaled /= 10;
            scale--;
        }

        if (scale <= 0)
            return Of(unscaled * BigInteger.Pow(10, -scale));
        return new NumberValue(unscaled, scale);
    }

    public NumberValue Negate() => IsInteger ? Of(-Unscaled) : new NumberValue(-Unscaled, Scale);

    public bool TryGetInt(out int value)
    {
        if (IsInteger && Unscaled >= int.MinValue && Unscaled <= int.MaxValue)
        {
            value = (int)Unscaled;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryGetLong(out long value)
    {
        if (IsInteger && Unscaled >= long.MinValue && Unscaled <= long.MaxValue)
        {
            value = (long)Unscaled;
            return true;
        }

        value = 0;
        return false;
    }

    internal override int ComputeHash() => HashCode.Combine(Unscaled, Scale);

    internal override int CompareSameType(Value other)
    {
        var o = (NumberValue)other;
        if (Scale == o.Scale)
            return Unscaled.CompareTo(o.Unscaled);
        return Scale > o.Scale
            ? Unscaled.CompareTo(o.Unscaled * BigInteger.Pow(10, Scale - o.Scale))
            : (Unscaled * BigInteger.Pow(10, o.Scale - Scale)).CompareTo(o.Unscaled);
    }

    /// <summary>
    /// Integers in full; a fraction as the shortest double text when that double is exactly this
    /// value (0.5, 3.14, 1E-05), otherwise every digit (0.1234567890123456789, 1e-400).
    /// </summary>
    public string ToJson()
    {
        if (IsInteger)
            return Unscaled.ToString(CultureInfo.InvariantCulture);
        var d = AsDouble;
        if (d != 0 && !double.IsInfinity(d) && Exact(d.ToString("R", CultureInfo.InvariantCulture)) is { } back && back.Unscaled == Unscaled && back.Scale == Scale)
            return d.ToString("R", CultureInfo.InvariantCulture);
        return DecimalText();
    }

    private string DecimalText()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Unscaled.Sign < 0 ? "-" : "";
        if (Scale < digits.Length)
            return sign + digits[..^Scale] + "." + digits[^Scale..];
        if (Scale - digits.Length < 6)
            return sign + "0." + new string('0', Scale - digits.Length) + digits;
        var exponent = digits.Length - 1 - Scale;
        return sign + digits[0] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
