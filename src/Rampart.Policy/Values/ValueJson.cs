using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Policy.Values;

/// <summary>
/// JSON in and out of Rego values, as OPA does it: sets become arrays (sorted), an object key
/// that is not a string becomes its JSON text.
/// </summary>
public static class ValueJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, SkipValidation = true };

    public static string Serialize(Value value, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
            Write(writer, value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case BooleanValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case NumberValue n:
                writer.WriteRawValue(n.ToJson(), skipInputValidation: true);
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case ArrayValue a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case SetValue set:
                writer.WriteStartArray();
                foreach (var item in set.Sorted)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case ObjectValue o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.Sorted)
                {
                    writer.WritePropertyName(k is StringValue ks ? ks.Value : Serialize(k));
                    Write(writer, v);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Parses JSON text; throws <see cref="JsonException"/> on bad input.</summary>
    public static Value Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        return FromElement(doc.RootElement);
    }

    public static Value FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => NullValue.Instance,
        JsonValueKind.True => BooleanValue.True,
        JsonValueKind.False => BooleanValue.False,
        JsonValueKind.Number => NumberValue.Parse(e.GetRawText()),
        JsonValueKind.String => new StringValue(e.GetString()!),
        JsonValueKind.Array => new ArrayValue(e.EnumerateArray().Select(FromElement).ToArray()),
        JsonValueKind.Object => FromProperties(e),
        _ => throw new JsonException("unsupported JSON value"),
    };

    private static ObjectValue FromProperties(JsonElement e)
    {
        var d = new Dictionary<Value, Value>();
        foreach (var p in e.EnumerateObject())
            d[new StringValue(p.Name)] = FromElement(p.Value);
        return ObjectValue.Wrap(d);
    }

    public static Value FromNode(JsonNode? node) => node is null ? NullValue.Instance : FromElement(JsonSerializer.SerializeToElement(node));
}
