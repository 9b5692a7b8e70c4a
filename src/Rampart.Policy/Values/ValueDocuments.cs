using Rampart.Policy.Builtins;

namespace Rampart.Policy.Values;

/// <summary>Input and data documents from JSON or YAML text, and deep merging of data documents.</summary>
public static class ValueDocuments
{
    /// <summary>Parses JSON, or YAML when <paramref name="yaml"/>; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static Value Parse(string text, bool yaml)
    {
        try
        {
            return yaml ? YamlValues.Unmarshal(text) : ValueJson.Parse(text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or BuiltinException)
        {
            throw new FormatException(e.Message.Split('\n')[0], e);
        }
    }

    /// <summary>Objects merged key by key (nested objects recursively); the right side wins otherwise.</summary>
    public static ObjectValue Merge(ObjectValue left, ObjectValue right) => ObjectBuiltins.Union(left, right);
}
