using Rampart.Policy.Values;

namespace Rampart.Policy.Tests.Language;

public sealed class SemanticsTests
{
    private const string Module = """
        package app

        default allow := false

        allow if {
            input.user.role == "admin"
        }

        deny contains msg if {
            some c in input.containers
            not startswith(c.image, "registry.example/")
            msg := sprintf("image %s is not from the internal registry", [c.image])
        }

        all_pinned if {
            every c in input.containers {
                contains(c.image, "@sha256:")
            }
        }

        ports[name] := p if {
            some c in input.containers
            name := c.name
            p := c.port
        }

        label(x) := "big" if x > 10
        else := "small"
        """;

    [Fact]
    public void UndefinedAndFalse_AreDistinct()
    {
        Assert.Equal("false", Rego.Json(Module, "data.app.allow", "{}"));
        Assert.Null(Rego.Eval(Module, "data.app.nothing", "{}"));
        Assert.Null(Rego.Eval(Module, "data.app.all_pinned", """{"containers":[{"image":"x"}]}"""));
    }

    [Fact]
    public void PartialSet_CollectsEveryMessage()
    {
        var json = Rego.Json(Module, "data.app.deny", """{"containers":[{"image":"docker.example/a"},{"image":"registry.example/b"},{"image":"c"}]}""");
        Assert.Equal("""["image c is not from the internal registry","image docker.example/a is not from the internal registry"]""", json);
    }

    [Fact]
    public void PartialObject_AndEvery_AndElse()
    {
        const string input = """{"containers":[{"name":"a","image":"r@sha256:1","port":80},{"name":"b","image":"s@sha256:2","port":443}]}""";
        Assert.Equal("""{"a":80,"b":443}""", Rego.Json(Module, "data.app.ports", input));
        Assert.Equal("true", Rego.Json(Module, "data.app.all_pinned", input));
        Assert.Equal("[\"big\",\"small\"]", Rego.Json(Module, "[data.app.label(11), data.app.label(3)]"));
    }

    [Fact]
    public void With_OverridesInputAndFunctions_OnlyForThatExpression()
    {
        Assert.Equal("true", Rego.Json(Module, """data.app.allow with input.user.role as "admin" """, "{}"));
        Assert.Equal("3", Rego.Json("package q\n\nn := count([1])\n", "data.q.n with count as 3"));
        Assert.Equal("false", Rego.Json(Module, "data.app.allow", "{}"));
    }

    [Fact]
    public void Query_ReturnsEveryBinding()
    {
        var results = Rego.Compile("package z\n").Query("some x in [1, 2, 3]; x > 1");
        Assert.Equal([2, 3], results.Select(r => (int)((NumberValue)r.Bindings["x"]).IntegerValue));
    }

    [Fact]
    public void Numbers_AreExactForBigIntegers()
    {
        Assert.Equal("\"9223372036854775808\"", Rego.Json("package n\n", "format_int(9223372036854775807 + 1, 10)"));
        Assert.Equal("true", Rego.Json("package n\n", "3.0 == 3"));
    }

    [Fact]
    public void PathologicalRegex_CompletesWithoutBacktracking()
    {
        var subject = new string('a', 5000) + "!";
        Assert.Equal("false", Rego.Json("package r\n", $"regex.match(`^(a+)+$`, \"{subject}\")"));
    }

    [Fact]
    public void DeeplyNestedInput_IsAnErrorOrAValue_NeverACrash()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 400)) + string.Concat(Enumerable.Repeat("]", 400));
        var value = Rego.Eval("package d\n\nn := count(input)\n", "data.d.n", deep);
        Assert.Equal("1", value?.ToString());
    }

    [Fact]
    public void BuiltinErrors_AreUndefinedUnlessStrict()
    {
        var policy = Rego.Compile("package b\n\nx := to_number(\"nope\")\n");
        Assert.Null(policy.Prepare("data.b.x").Evaluate());
        var e = Assert.Throws<RegoException>(() => policy.Prepare("data.b.x").Evaluate(new RegoQueryOptions { StrictBuiltinErrors = true }));
        Assert.Equal("eval_builtin_error", e.Code);
    }

    [Fact]
    public void TemplateStrings_InterpolateExpressions()
    {
        const string module = "package t\n\nmsg := $\"user {input.name} has {count(input.roles)} roles: {input.roles}, literal \\{brace}\"\n";
        Assert.Equal("\"user ann has 2 roles: [\\\"a\\\", \\\"b\\\"], literal {brace}\"", Rego.Json(module, "data.t.msg", """{"name":"ann","roles":["a","b"]}"""));
        Assert.Null(Rego.Eval(module, "data.t.msg", "{}"));
    }
}
