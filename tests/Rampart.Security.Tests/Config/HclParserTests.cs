using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Tests.Config;

public sealed class HclParserTests
{
    private static HclValue Eval(string hcl, string attribute = "x")
    {
        var body = HclParser.ParseFile(hcl);
        return HclEvaluator.Empty.Evaluate(body.Attribute(attribute)!.Value);
    }

    [Fact]
    public void Parse_ReadsBlocksLabelsAndAttributes_WithPositions()
    {
        var body = HclParser.ParseFile("""
            # comment
            resource "aws_s3_bucket" "logs" {
              bucket = "acme-logs" // trailing
              tags = { Team = "core", "cost-center" = 42 }
              /* block
                 comment */
              lifecycle { prevent_destroy = true }
            }
            """);
        var block = Assert.Single(body.Blocks);
        Assert.Equal("resource", block.Type);
        Assert.Equal(["aws_s3_bucket", "logs"], block.Labels);
        Assert.Equal(2, block.Line);
        Assert.Equal(3, block.Body.Attribute("bucket")!.Line);
        var tags = Assert.IsType<HclObject>(HclEvaluator.Empty.Evaluate(block.Body.Attribute("tags")!.Value));
        Assert.Equal(new HclNumber(42), tags.Get("cost-center"));
        Assert.Equal(new HclBool(true), HclEvaluator.Empty.Evaluate(Assert.Single(block.Body.BlocksOf("lifecycle")).Body.Attribute("prevent_destroy")!.Value));
    }

    [Fact]
    public void Parse_HandlesHeredocs_PlainAndIndented()
    {
        var body = HclParser.ParseFile("a = <<EOT\nline one\n  line two\nEOT\nb = <<-EOT\n    {\n      \"k\": 1\n    }\n    EOT\n");
        Assert.Equal(new HclString("line one\n  line two\n"), HclEvaluator.Empty.Evaluate(body.Attribute("a")!.Value));
        Assert.Equal(new HclString("{\n  \"k\": 1\n}\n"), HclEvaluator.Empty.Evaluate(body.Attribute("b")!.Value));
    }

    [Fact]
    public void Evaluate_InterpolatesTemplates_AndKeepsEscapes()
    {
        var body = HclParser.ParseFile("""
            variable "env" {
              default = "prod"
            }
            locals {
              name = "app-${var.env}"
              literal = "$${not} %%{this} \"q\" \u0041"
            }
            """);
        var evaluator = new HclEvaluator(
            new Dictionary<string, HclValue> { ["env"] = new HclString("prod") },
            body.Blocks[1].Body.Attributes.ToDictionary(a => a.Name, a => a.Value));
        Assert.Equal(new HclString("app-prod"), evaluator.Evaluate(HclParser.ParseExpression("local.name", 1, 1)));
        Assert.Equal(new HclString("${not} %{this} \"q\" A"), evaluator.Evaluate(HclParser.ParseExpression("local.literal", 1, 1)));
    }

    [Fact]
    public void Evaluate_SingleInterpolation_KeepsReferenceToResource()
    {
        Assert.Equal(new HclReference("aws_s3_bucket.logs.id"), Eval("x = \"${aws_s3_bucket.logs.id}\""));
        Assert.Equal(new HclReference("aws_s3_bucket.logs[0].arn"), Eval("x = aws_s3_bucket.logs[0].arn"));
    }

    [Theory]
    [InlineData("x = 1 + 2 * 3", 7.0)]
    [InlineData("x = (1 + 2) * 3", 9.0)]
    [InlineData("x = -4 + 10 % 4", -2.0)]
    [InlineData("x = length([1, 2, 3])", 3.0)]
    public void Evaluate_RespectsOperatorPrecedence(string hcl, double expected) =>
        Assert.Equal(new HclNumber(expected), Eval(hcl));

    [Theory]
    [InlineData("x = true && !false", true)]
    [InlineData("x = 1 < 2 || false", true)]
    [InlineData("x = \"a\" == \"b\"", false)]
    [InlineData("x = 3 >= 3 ? true : false", true)]
    public void Evaluate_ComputesBooleans(string hcl, bool expected) =>
        Assert.Equal(new HclBool(expected), Eval(hcl));

    [Fact]
    public void Evaluate_ForExpressions_AreParsedAndUnknown()
    {
        var body = HclParser.ParseFile("""
            a = [for s in var.list : upper(s) if s != ""]
            b = {for k, v in var.map : k => v...}
            c = [for i, x in ["a", "b"] : "${i}-${x}"]
            d = 1
            """);
        Assert.Equal(4, body.Attributes.Count);
        Assert.IsType<HclForExpr>(body.Attribute("b")!.Value);
        Assert.False(HclEvaluator.Empty.Evaluate(body.Attribute("a")!.Value).IsKnown);
        Assert.Equal(new HclNumber(1), HclEvaluator.Empty.Evaluate(body.Attribute("d")!.Value));
    }

    [Fact]
    public void Evaluate_Functions_JsonencodeMergeConcatFormat()
    {
        Assert.IsType<HclEncodedJson>(Eval("x = jsonencode({ a = 1 })"));
        var merged = Assert.IsType<HclObject>(Eval("x = merge({ a = 1, b = 2 }, { b = 3 })"));
        Assert.Equal(new HclNumber(3), merged.Get("b"));
        Assert.Equal([new HclNumber(1), new HclNumber(2)], Assert.IsType<HclList>(Eval("x = concat([1], [2])")).Values);
        Assert.Equal(new HclString("a-7"), Eval("x = format(\"%s-%d\", \"a\", 7)"));
        Assert.False(Eval("x = file(\"policy.json\")").IsKnown);
    }

    [Fact]
    public void Evaluate_LocalCycle_IsUnknownNotStackOverflow()
    {
        var body = HclParser.ParseFile("locals {\n  a = local.b\n  b = local.a\n}\n");
        var evaluator = new HclEvaluator(new Dictionary<string, HclValue>(), body.Blocks[0].Body.Attributes.ToDictionary(a => a.Name, a => a.Value));
        Assert.False(evaluator.Evaluate(HclParser.ParseExpression("local.a", 1, 1)).IsKnown);
    }

    [Fact]
    public void Parse_SplatsAndMultilineCollections()
    {
        var body = HclParser.ParseFile("a = aws_instance.web[*].id\nb = [\n  \"x\",\n  \"y\",\n]\nc = {\n  k1 = 1\n  k2 = 2\n}\n");
        Assert.Equal(3, body.Attributes.Count);
        Assert.Equal(new HclReference("aws_instance.web[*].id"), HclEvaluator.Empty.Evaluate(body.Attribute("a")!.Value));
        Assert.Equal(2, Assert.IsType<HclList>(HclEvaluator.Empty.Evaluate(body.Attribute("b")!.Value)).Values.Count);
        Assert.Equal(2, Assert.IsType<HclObject>(HclEvaluator.Empty.Evaluate(body.Attribute("c")!.Value)).Values.Count);
    }

    [Theory]
    [InlineData("resource \"a\" \"b\" {\n  x = 1\n", "missing '}'")]
    [InlineData("x = \"unterminated\n", "unterminated string")]
    [InlineData("x = <<EOT\nno end\n", "not closed")]
    [InlineData("x = 1 y = 2\n", "expected a new line")]
    [InlineData("x = [1, 2\n", "']'")]
    [InlineData("= 3\n", "expected an attribute or block name")]
    public void Parse_RejectsInvalidSyntax_WithPosition(string hcl, string fragment)
    {
        var e = Assert.Throws<HclSyntaxException>(() => HclParser.ParseFile(hcl));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 1);
    }

    [Fact]
    public void Parse_DeepNesting_FailsCleanly()
    {
        var deep = "x = " + new string('[', 5000) + new string(']', 5000) + "\n";
        Assert.Throws<HclSyntaxException>(() => HclParser.ParseFile(deep));
    }
}
