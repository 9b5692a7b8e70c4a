using Rampart.Policy.Builtins;
using Rampart.Policy.Values;
using YamlDotNet.RepresentationModel;

namespace Rampart.Policy.Tests.Conformance;

/// <summary>Reads test-case YAML into Rego values, with Regorus' encodings (set!, object!, "#undefined").</summary>
internal static class CaseYaml
{
    public static YamlSequenceNode Cases(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return root.Children.TryGetValue(new YamlScalarNode("cases"), out var c) && c is YamlSequenceNode s ? s : new YamlSequenceNode();
    }

    /// <summary>The cases of a file, or none (with the loader's message) when the YAML library cannot read it.</summary>
    public static YamlSequenceNode TryCases(string file, out string? error)
    {
        try
        {
            error = null;
            return Cases(file);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            error = e.GetType().Name + ": " + e.Message;
            return new YamlSequenceNode();
        }
    }

    public static YamlNode? Get(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public static string? Str(YamlMappingNode m, string key) => Get(m, key) is YamlScalarNode s ? s.Value : null;

    public static bool Flag(YamlMappingNode m, string key, bool fallback = false) =>
        Get(m, key) is YamlScalarNode s ? s.Value is "true" or "True" : fallback;

    public static List<string> Strings(YamlMappingNode m, string key) =>
        Get(m, key) is YamlSequenceNode s ? s.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList() : [];

    /// <summary>
    /// Regorus' harness deserialises YAML into its own values, so a plain mapping key is read as YAML
    /// reads it (<c>7:</c> a number, <c>null:</c> null, <c>true:</c> a boolean); a quoted key stays a
    /// string. OPA's harness goes through JSON, where every key is a string.
    /// </summary>
    public static Value? RegorusValue(YamlNode node) => ToValue(node, typedKeys: true);

    private static Value ScalarKey(YamlScalarNode k, bool typed) =>
        typed && k.Style is YamlDotNet.Core.ScalarStyle.Plain ? YamlValues.FromNode(k) : new StringValue(k.Value ?? "");

    /// <summary>A value; null for "#undefined".</summary>
    public static Value? ToValue(YamlNode node) => ToValue(node, typedKeys: false);

    private static Value? ToValue(YamlNode node, bool typedKeys)
    {
        switch (node)
        {
            case YamlScalarNode { Value: "#undefined" }:
                return null;
            case YamlMappingNode m when m.Children.Count == 1 && Get(m, "set!") is YamlSequenceNode set:
                return SetValue.Of(set.Children.Select(c => ToValue(c, typedKeys)!));
            case YamlMappingNode m when m.Children.Count == 1 && Get(m, "object!") is YamlSequenceNode entries:
                return ObjectValue.Of(entries.Children.Cast<YamlMappingNode>().Select(e => new KeyValuePair<Value, Value>(ToValue(Get(e, "key")!, typedKeys)!, ToValue(Get(e, "value")!, typedKeys)!)));
            case YamlMappingNode m:
                var d = new Dictionary<Value, Value>();
                foreach (var (k, v) in m.Children)
                {
                    if (ToValue(v, typedKeys) is { } val)
                        d[ScalarKey((YamlScalarNode)k, typedKeys)] = val;
                }

                return ObjectValue.Of(d);
            case YamlSequenceNode s:
                return new ArrayValue(s.Children.Select(c => ToValue(c, typedKeys)!).ToList());
            default:
                return YamlValues.FromNode(node);
        }
    }
}
