namespace Rampart.Policy.Tests.Language;

/// <summary>Checks OPA makes before evaluation, and the v0/v1 differences they depend on.</summary>
public sealed class CompileCheckTests
{
    private static RegoException CompileError(string module, RegoVersion version = RegoVersion.V1) =>
        Assert.Throws<RegoException>(() => RegoPolicy.Compile([new RegoModuleSource("m.rego", module)], version));

    [Fact]
    public void CallUsedAsValue_MustHaveExactArity_WhileAWholeExpressionMayTakeAnOutput()
    {
        Assert.Equal("rego_type_error", CompileError("package p\nx := abs(-9, 10)\n").Code);
        Assert.Equal("true", Rego.Json("package p\nx if abs(-9, 9)\n", "data.p.x"));
    }

    [Theory]
    [InlineData("import future.keywords.in as on")]
    [InlineData("import future.keywords.foo")]
    [InlineData("import rego.v1\nimport future.keywords.in")]
    [InlineData("import data.x as else")]
    [InlineData("import data.x as _")]
    [InlineData("import data.x\nimport data[\"x\"]")]
    public void Imports_FollowOpaRules(string imports) =>
        CompileError("package p\n" + imports + "\n", RegoVersion.V0);

    [Theory]
    [InlineData("{\"b\": 5}.b")]
    [InlineData("(5 + 6)")]
    [InlineData("input.x")]
    public void DefaultValue_MustBeConstant(string value) =>
        Assert.Contains("illegal default rule", CompileError($"package p\ndefault a := {value}\n").Message, StringComparison.Ordinal);

    [Fact]
    public void DefaultValue_MayBeAComprehension() =>
        Assert.Equal("[5]", Rego.Json("package p\ndefault a := [5 | true]\n", "data.p.a"));

    [Fact]
    public void RuleNamedInputOrData_IsRejectedInV1_AndALocalMayShadowInputInV0()
    {
        Assert.Equal("rego_compile_error", CompileError("package p\ninput := 1\n").Code);
        var v0 = RegoPolicy.Compile([new RegoModuleSource("m.rego", "package p\nx { input := 1; input > 0 }\n")], RegoVersion.V0);
        Assert.Equal("true", Values.ValueJson.Serialize(v0.Prepare("data.p.x").Evaluate(new RegoQueryOptions())!));
    }

    [Fact]
    public void PackageWithoutRules_IsAnEmptyObject() =>
        Assert.Equal("{}", Rego.Json("package p\nimport future.keywords\n", "data.p"));

    [Theory]
    [InlineData("0.")]
    [InlineData("2.e3")]
    [InlineData("0.1.1")]
    [InlineData("\"a\tb\"")]
    public void Lexer_RejectsMalformedNumbersAndRawControlCharacters(string literal) =>
        Assert.Equal("rego_parse_error", CompileError($"package p\nx := {literal}\n").Code);

    [Theory]
    [InlineData("""{"a": true, "b": false}""", "true")]
    [InlineData("""{"a": true, "b": true}""", "false")]
    public void NotBody_WithRegoV2_HoldsWhenTheBodyFails(string input, string expected) =>
        Assert.Equal(expected, Rego.Json("package p\nimport rego.v2\ndefault x := false\nx if {\n  not { input.a; input.b }\n}\n", "data.p.x", input));

    [Theory]
    [InlineData("x if {\n  v := 0\n  some v in [1, 2]\n}")]
    [InlineData("x if {\n  v = 0\n  some v in [1, 2]\n}")]
    [InlineData("f(a) if {\n  a := 1\n}")]
    [InlineData("x if {\n  {\"a\": p, \"b\": q} = {\"a\": 1, \"c\": 2}\n}")]
    [InlineData("p contains 1\np[k] := 1 if some k in [1]")]
    [InlineData("p := {\"a\": 1}\np[k] := 1 if some k in [1]")]
    public void Compile_RejectsRedeclarationsShapeMismatchesAndMixedRuleShapes(string rules) =>
        CompileError("package p\n" + rules + "\n");

    [Theory]
    [InlineData("a .b")]
    [InlineData("a. b")]
    [InlineData("a [\"b\"]")]
    public void Reference_CannotContainWhitespace(string package) =>
        Assert.Equal("rego_parse_error", CompileError($"package {package}\n").Code);

    [Fact]
    public void RuleWithConstantKeyAndValue_StopsAtFirstSolution_AsOpaEarlyExit()
    {
        // Strict: evaluating "x" + 1 would be a type error, so passing proves the second element is never reached.
        var value = Rego.Compile("package p\na := [1, \"x\"]\nc[\"k\"] := true if a[_] + 1\n").Prepare("data.p.c").Evaluate(new RegoQueryOptions { StrictBuiltinErrors = true });
        Assert.Equal("""{"k":true}""", Values.ValueJson.Serialize(value!));
    }

    [Fact]
    public void DefaultForAConstantKey_HoldsUnlessARuleGivesThatKeyAValue()
    {
        var policy = RegoPolicy.Compile([new RegoModuleSource("m.rego", "package p\ndefault c[true] = \"t\"\ndefault c[false] = \"f\"\nc[false] = \"rule\"\n")], RegoVersion.V0);
        Assert.Equal("""{"false":"rule","true":"t"}""", Values.ValueJson.Serialize(policy.Prepare("data.p.c").Evaluate(new RegoQueryOptions())!));
    }

    [Fact]
    public void ZeroArgumentFunction_IsARule_ThatCanAlsoBeCalled()
    {
        Assert.Equal("""{"a":1}""", Rego.Json("package p\nf() := {\"a\": 1}\n", "data.p.f"));
        Assert.Equal("1", Rego.Json("package p\nf() := {\"a\": 1}\ng := f().a\n", "data.p.g"));
        var e = Assert.Throws<RegoException>(() => Rego.Eval("package p\nf() := 1\nf() := 2\n", "data.p.f"));
        Assert.Equal("eval_conflict_error", e.Code);
    }

    [Theory]
    [InlineData("""{"p":{"a":{"role":"guest"}}}""")]
    [InlineData("""{"p":"not an object"}""")]
    public void RuleWhereDataHoldsAValue_IsAPathConflict(string data)
    {
        var query = Rego.Compile("package p\na := {\"role\": \"admin\"}\n").Prepare("data.p.a");
        var e = Assert.Throws<RegoException>(() => query.Run(new RegoQueryOptions { Data = Values.ValueJson.Parse(data) }));
        Assert.Contains("conflicting rule for data path p/a", e.Message, StringComparison.Ordinal);
        Assert.Single(query.Run(new RegoQueryOptions { Data = Values.ValueJson.Parse("""{"p":{"b":1}}""") }));
    }

    [Theory]
    [InlineData("abs(\"x\")")]
    [InlineData("count(5)")]
    [InlineData("sprintf(\"%s\", \"x\")")]
    [InlineData("concat(\",\", \"ab\")")]
    [InlineData("array.slice([1], \"0\", 1)")]
    [InlineData("{1} - \"a\"")]
    public void BuiltinGivenALiteralOfTheWrongType_IsATypeErrorBeforeEvaluation(string call)
    {
        var e = CompileError("package p\nx := " + call + "\n");
        Assert.Equal("rego_type_error", e.Code);
        Assert.Contains("invalid argument(s)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("count(\"abc\")", "3")]
    [InlineData("{1, 2} - {1}", "[2]")]
    [InlineData("glob.match(\"a*\", null, \"ab\")", "true")]
    [InlineData("time.format([0, \"UTC\"])", "\"1970-01-01T00:00:00Z\"")]
    public void BuiltinGivenAcceptedLiteralTypes_Compiles(string call, string json) =>
        Assert.Equal(json, Rego.Json("package p\nx := " + call + "\n", "data.p.x"));
}
