namespace Rampart.Engine.Pipeline.Yaml;

/// <summary>
/// A minimal positioned YAML tree. YamlDotNet's RepresentationModel stops at the first
/// duplicate key and silently resolves aliases, so the loader builds this tree from the
/// parser's events instead: every problem is reported, and no alias is ever followed.
/// </summary>
internal abstract class YamlNode(SourceMark mark)
{
    public SourceMark Mark { get; } = mark;

    public abstract string Kind { get; }
}

internal sealed class YamlScalar(SourceMark mark, string value, bool isPlain) : YamlNode(mark)
{
    public string Value { get; } = value;

    /// <summary>Unquoted; only then do <c>~</c>, <c>null</c> and nothing mean "no value".</summary>
    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : "a string";
}

internal sealed class YamlSequence(SourceMark mark, IReadOnlyList<YamlNode> items) : YamlNode(mark)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Kind => "a list";
}

internal sealed class YamlMapping(SourceMark mark, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(mark)
{
    /// <summary>Entries in file order; duplicate keys were reported and dropped.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string Kind => "a mapping";

    public YamlNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
