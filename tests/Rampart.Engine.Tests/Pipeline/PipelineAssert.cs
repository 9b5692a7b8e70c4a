using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Pipeline;

internal static class PipelineAssert
{
    public const string DisplayPath = ".rampart/pipeline.yml";

    public static PipelineLoadResult Load(string yaml) => PipelineLoader.Parse(yaml, DisplayPath);

    public static PipelineDefinition Valid(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Pipeline!;
    }

    /// <summary>The file fails with exactly one diagnostic, at this line and column, whose message contains the text.</summary>
    public static PipelineDiagnostic Single(string yaml, int line, int column, string messagePart)
    {
        var result = Load(yaml);
        Assert.Null(result.Pipeline);
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, line, column, messagePart);
        return diagnostic;
    }

    public static void AssertAt(PipelineDiagnostic diagnostic, int line, int column, string messagePart)
    {
        Assert.Equal(DisplayPath, diagnostic.File);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal valid pipeline whose only job is the given body (indented under <c>jobs.build</c>).</summary>
    public static string WithJob(string jobBody) =>
        "name: p\njobs:\n  build:\n" + string.Join('\n', jobBody.Split('\n').Select(l => "    " + l)) + "\n";
}
