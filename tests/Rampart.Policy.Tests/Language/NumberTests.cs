using Rampart.Policy.Values;

namespace Rampart.Policy.Tests.Language;

/// <summary>Numbers are exact decimals, as in OPA: comparison, equality and output keep every digit.</summary>
public sealed class NumberTests
{
    [Theory]
    [InlineData("0.1234567890123456789 > 0.1234567890123456788")]
    [InlineData("1e-400 > 0")]
    [InlineData("1e400 > 1e399")]
    [InlineData("3.50 == 35e-1")]
    [InlineData("0.1 < 0.10000000000001")]
    [InlineData("-0.001 < 0")]
    public void Comparison_IsExact(string expression) =>
        Assert.Equal("true", Rego.Json("package p\nx if " + expression + "\n", "data.p.x"));

    [Fact]
    public void EqualDecimals_AreOneSetMemberAndOneObjectKey() =>
        Assert.Equal("""{"k":"found","n":1}""", Rego.Json("package p\nx := {\"n\": count({3.5, 3.50, 0.35e1}), \"k\": {3.5: \"found\"}[3.50]}\n", "data.p.x"));

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("0.1234567890123456789", "0.1234567890123456789")]
    [InlineData("-0.1234567890123456789", "-0.1234567890123456789")]
    [InlineData("1e-400", "1e-400")]
    [InlineData("2.50", "2.5")]
    [InlineData("1.5e3", "1500")]
    public void Literal_PrintsEveryDigitItHas(string literal, string json)
    {
        Assert.Equal(json, ValueJson.Serialize(NumberValue.Parse(literal.TrimStart('-')) is var n && literal.StartsWith('-') ? n.Negate() : n));
        Assert.Equal(json, Rego.Json("package p\nx := " + literal + "\n", "data.p.x"));
    }

    [Fact]
    public void FractionArithmetic_IsReadBackAsTheShortestDecimal() =>
        Assert.Equal("[0.30000000000000004,1.25]", Rego.Json("package p\nx := [0.1 + 0.2, 2.5 / 2]\n", "data.p.x"));
}
