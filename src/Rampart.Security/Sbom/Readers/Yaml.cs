using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Sbom.Readers;

/// <summary>Small helpers over YamlDotNet's node model for lockfiles.</summary>
internal static class Yaml
{
    public static YamlMappingNode LoadMapping(LockfileInput input)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(input.ReadText()))
                stream.Load(reader);
            if (stream.Documents.Count == 0)
                return new YamlMappingNode();
            return stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new LockfileException(input.DisplayPath, "not a YAML mapping");
        }
        catch (YamlException e)
        {
            throw new LockfileException(input.DisplayPath, $"not valid YAML ({e.Message})", e);
        }
    }

    public static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static string? Str(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode? node) =>
        node is null ? [] : node.Children.Where(c => c.Key is YamlScalarNode { Value: not null }).Select(c => (((YamlScalarNode)c.Key).Value!, c.Value));
}
