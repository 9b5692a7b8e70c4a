using System.Text.Json;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineDocsTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(RepositoryFiles.Read("docs/pipeline.schema.json")).RootElement;

    [Fact]
    public void Schema_IsDraft202012()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
    }

    public static TheoryData<string> Sections => [.. PipelineKeys.All.Keys];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_DeclaresExactlyTheKeysTheLoaderKnows(string section)
    {
        var node = section == "root" ? Schema : Schema.GetProperty("$defs").GetProperty(section);
        var properties = FirstProperties(node);

        Assert.NotNull(properties);
        Assert.Equal(
            PipelineKeys.All[section].Order(StringComparer.Ordinal),
            properties.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(FirstAdditionalProperties(node), $"{section} must set additionalProperties: false like the loader");
    }

    [Fact]
    public void Docs_CompleteExample_LoadsWithoutDiagnostics()
    {
        var result = PipelineLoader.Parse(FirstYamlBlock(RepositoryFiles.Read("docs/pipeline.md")), "docs/pipeline.md");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["lint", "build", "publish"], JobGraph.Build(result.Pipeline!).TopologicalOrder);
    }

    [Fact]
    public void Docs_KeyTables_MentionEveryKeyTheLoaderKnows()
    {
        var docs = RepositoryFiles.Read("docs/pipeline.md");

        Assert.All(PipelineKeys.All.Values.SelectMany(k => k).Distinct(), key => Assert.Contains($"| `{key}` |", docs, StringComparison.Ordinal));
    }

    private static string FirstYamlBlock(string markdown)
    {
        var start = markdown.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        return markdown[start..markdown.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static JsonElement? FirstProperties(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (node.TryGetProperty("properties", out var properties))
        {
            return properties;
        }

        return node.TryGetProperty("oneOf", out var options)
            ? options.EnumerateArray().Select(FirstProperties).FirstOrDefault(p => p is not null)
            : null;
    }

    private static bool FirstAdditionalProperties(JsonElement node)
    {
        if (node.TryGetProperty("properties", out _))
        {
            return node.GetProperty("additionalProperties").GetBoolean();
        }

        return node.GetProperty("oneOf").EnumerateArray()
            .First(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("properties", out _))
            .GetProperty("additionalProperties").GetBoolean();
    }
}
