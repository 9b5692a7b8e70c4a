namespace Rampart.Policy.Tests.Language;

public sealed class ErrorTests
{
    [Fact]
    public void Parse_ReportsFileLineAndColumn_ForSyntaxError()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nallow if {\n  x := [1, 2\n}\n"));
        Assert.Equal("rego_parse_error", e.Code);
        Assert.StartsWith("m0.rego:5:1: rego_parse_error:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RejectsUnsafeVariable_WithItsPosition()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nallow if {\n  y > 1\n}\n"));
        Assert.Equal("rego_unsafe_var_error", e.Code);
        Assert.Equal("m0.rego:4:3: rego_unsafe_var_error: var y is unsafe", e.Message);
    }

    [Fact]
    public void Compile_RejectsUnsafeVariableInRuleHead()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nq contains z if {\n  input.a == 1\n}\n"));
        Assert.Equal("rego_unsafe_var_error", e.Code);
        Assert.Contains("var z is unsafe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RejectsMutualRecursion()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\na if b\n\nb if a\n"));
        Assert.Equal("rego_recursion_error", e.Code);
        Assert.Contains("data.p.a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RejectsRecursiveFunction()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nf(x) := f(x - 1) if x > 0\n"));
        Assert.Equal("rego_recursion_error", e.Code);
    }

    [Fact]
    public void Compile_RejectsUnknownFunction()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nx := nosuch.fn(1)\n"));
        Assert.Contains("undefined function nosuch.fn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RequiresIfInRegoV1()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nallow {\n  true\n}\n"));
        Assert.Contains("`if` keyword is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ConflictingCompleteRules_IsAnError()
    {
        var e = Assert.Throws<RegoException>(() => Rego.Eval("package p\n\nx := 1\n\nx := 2 if true\n", "data.p.x"));
        Assert.Equal("eval_conflict_error", e.Code);
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("1e")]
    [InlineData("\"bad \\q escape\"")]
    [InlineData("x := @")]
    public void Parse_RejectsBadTokens_WithOneLineError(string body)
    {
        var e = Assert.Throws<RegoException>(() => Rego.Compile("package p\n\nv := " + body + "\n"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("m0.rego:3:", e.Message, StringComparison.Ordinal);
    }
}
