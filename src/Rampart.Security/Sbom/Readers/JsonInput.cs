using System.Text.Json;

namespace Rampart.Security.Sbom.Readers;

/// <summary>Parses JSON lockfiles with the same lenient-but-safe options (comments and trailing commas allowed, depth capped).</summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
    };

    public static JsonDocument Parse(LockfileInput input)
    {
        try
        {
            var doc = JsonDocument.Parse(input.ReadText(), Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new LockfileException(input.DisplayPath, "not a JSON object");
            }

            return doc;
        }
        catch (JsonException e)
        {
            throw new LockfileException(input.DisplayPath, $"not valid JSON ({e.Message})", e);
        }
    }

    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonProperty> Props(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject() : [];

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static bool Flag(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
