using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Yaml;

/// <summary>Small, null-tolerant accessors over YamlDotNet's node model.</summary>
internal static class YamlExtensions
{
    public static YamlNode? Get(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
            return null;
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal))
                return v;
        }

        return null;
    }

    public static YamlNode? GetPath(this YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
            node = node.Get(key);
        return node;
    }

    public static string? Str(this YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    public static string? GetStr(this YamlNode? node, string key) => node.Get(key).Str();

    public static bool IsTrue(this YamlNode? node) =>
        node.Str() is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("yes", StringComparison.OrdinalIgnoreCase));

    public static bool IsFalse(this YamlNode? node) =>
        node.Str() is { } v && (v.Equals("false", StringComparison.OrdinalIgnoreCase) || v.Equals("no", StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlNode? node)
    {
        if (node is not YamlMappingNode map)
            yield break;
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name })
                yield return (name, k, v);
        }
    }

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children : [];

    /// <summary>A scalar as a one-item list, a sequence as its scalar items.</summary>
    public static IEnumerable<string> Strings(this YamlNode? node) => node switch
    {
        YamlScalarNode { Value: { } v } => [v],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? ""),
        _ => [],
    };

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    public static int Col(this YamlNode node) => (int)node.Start.Column;
}
