using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineLoaderYamlTests
{
    private const string Valid = "name: p\njobs:\n  build:\n    steps:\n      - run: make\n";

    [Fact]
    public void Parse_ReportsSyntaxError_WithItsPosition()
    {
        var diagnostic = Single("name: p\njobs:\n  build: [a, b\n", 4, 1, "YAML syntax error");

        Assert.DoesNotContain("Line:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsUnclosedFlowList_AsSyntaxError()
    {
        Single("name: p\njobs:\n  build:\n    needs: [lint\n    timeout: 5m\n    steps: [{run: x}]\n", 5, 5, "'[' or '{' left unclosed");
    }

    [Fact]
    public void Parse_ReportsBadIndentation_AsSyntaxError()
    {
        Single("name: p\n  jobs: x\n", 2, 7, "YAML syntax error");
    }

    [Fact]
    public void Parse_RefusesAliases_AndAnchors()
    {
        var yaml = "name: p\nenv:\n  A: &x hello\n  B: *x\njobs:\n  build:\n    steps: [{run: make}]\n";

        var result = Load(yaml);

        Assert.Null(result.Pipeline);
        Assert.Collection(
            result.Diagnostics,
            d => AssertAt(d, 3, 6, "anchors (&x) are not allowed"),
            d => AssertAt(d, 4, 6, "aliases (*x) are not allowed"));
    }

    [Fact]
    public void Parse_RefusesBillionLaughs_Quickly_AndReportsEveryAlias()
    {
        var lines = new List<string> { "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]" };
        for (var i = 1; i < 9; i++)
        {
            var prev = (char)('a' + i - 1);
            var name = (char)('a' + i);
            lines.Add($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + prev, 9))}]");
        }

        var result = Load(string.Join('\n', lines) + "\n");

        Assert.Null(result.Pipeline);
        Assert.Equal(8 * 9, result.Diagnostics.Count(d => d.Message.Contains("aliases", StringComparison.Ordinal)));
        Assert.Equal(9, result.Diagnostics.Count(d => d.Message.Contains("anchors", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_ReportsEveryDuplicateKey_AtTheRepeatedKey()
    {
        var yaml = "name: p\nname: q\njobs:\n  build:\n    steps: [{run: make}]\n    timeout: 5m\n    timeout: 6m\n";

        var result = Load(yaml);

        Assert.Collection(
            result.Diagnostics,
            d => AssertAt(d, 2, 1, "duplicate key 'name'"),
            d => AssertAt(d, 7, 5, "duplicate key 'timeout'"));
    }

    [Fact]
    public void Parse_ReportsDuplicateJobNames()
    {
        Single(Valid + "  build:\n    steps: [{run: x}]\n", 6, 3, "duplicate key 'build'");
    }

    [Theory]
    [InlineData("- name: p\n", 1, 1, "pipeline: must be a mapping, not a list")]
    [InlineData("just text\n", 1, 1, "pipeline: must be a mapping, not a string")]
    [InlineData("42\n", 1, 1, "pipeline: must be a mapping, not a string")]
    public void Parse_ReportsNonMappingRoot(string yaml, int line, int column, string message)
    {
        Single(yaml, line, column, message);
    }

    [Fact]
    public void Parse_ReportsSecondDocument()
    {
        Single(Valid + "---\nname: q\n", 6, 1, "exactly one YAML document");
    }

    [Fact]
    public void Parse_ReportsComplexKeys()
    {
        Single("name: p\n? [a, b]\n: c\njobs:\n  build:\n    steps: [{run: make}]\n", 2, 3, "mapping keys must be plain strings");
    }

    [Fact]
    public void Parse_SurvivesHostileNesting_WithoutStackOverflow()
    {
        // Also a guard against the scanner's cost per token growing with depth (minutes for this file).
        var deep = "name: " + string.Concat(Enumerable.Repeat("{a: ", 200_000)) + new string('}', 200_000) + "\n";

        var result = Load(deep);

        Assert.Null(result.Pipeline);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("nesting deeper than 32", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NeverThrows_OnAnyPrefixOfAValidFile()
    {
        var full = PipelineLoaderValidTests.FullExample;
        for (var length = 0; length < full.Length; length++)
        {
            var result = Load(full[..length]);
            Assert.True(result.Succeeded || result.Diagnostics.Count > 0);
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
        }
    }

    [Fact]
    public void Parse_NeverThrows_WhenAnyCharacterIsReplacedBySyntax()
    {
        var full = PipelineLoaderValidTests.FullExample;
        foreach (var replacement in "{[&*:-\"'|>!%@`")
        {
            for (var i = 0; i < full.Length; i += 7)
            {
                var mutated = string.Concat(full.AsSpan(0, i), replacement.ToString(), full.AsSpan(i + 1));
                var result = Load(mutated);
                Assert.True(result.Succeeded ^ (result.Diagnostics.Count > 0), mutated);
            }
        }
    }
}
