using System.Text.Json;

namespace Rampart.Security.Signing;

/// <summary>Strict readers for the signing formats: a missing or mistyped field is a <see cref="FormatException"/>.</summary>
internal static class Json
{
    public static string RequiredString(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"missing or non-string field '{name}'");

    public static string? OptionalString(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement RequiredObject(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"missing object '{name}'");

    public static JsonElement? OptionalObject(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static byte[] RequiredBase64(JsonElement parent, string name)
    {
        var text = RequiredString(parent, name);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"field '{name}' is not valid base64");
        }
    }

    /// <summary>A proto3 JSON int64: a string of digits (or, leniently, a JSON number).</summary>
    public static long RequiredInt64(JsonElement parent, string name)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
                return number;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                return parsed;
        }

        throw new FormatException($"missing or non-integer field '{name}'");
    }
}
