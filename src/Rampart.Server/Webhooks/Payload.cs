using System.Text.Json;

namespace Rampart.Server.Webhooks;

/// <summary>
/// Reads fields of a webhook payload by dotted path. A missing or mistyped required field throws a
/// <see cref="WebhookPayloadException"/> naming the path, so the git host's delivery log says what was wrong.
/// </summary>
internal static class Payload
{
    private const int MaxText = 1024;

    public static string RequiredString(JsonElement root, string path) =>
        OptionalString(root, path) is { Length: > 0 } value ? value : throw new WebhookPayloadException($"malformed payload: '{path}' is missing or empty");

    public static string? OptionalString(JsonElement root, string path)
    {
        if (Find(root, path) is not { } element || element.ValueKind == JsonValueKind.Null)
            return null;
        if (element.ValueKind != JsonValueKind.String)
            throw new WebhookPayloadException($"malformed payload: '{path}' must be a string");
        var value = element.GetString()!;
        if (value.Length > MaxText || value.Any(char.IsControl))
            throw new WebhookPayloadException($"malformed payload: '{path}' is too long or holds control characters");
        return value;
    }

    public static long? OptionalNumber(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } element && element.TryGetInt64(out var n) ? n : null;

    public static bool OptionalBool(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.True };

    /// <summary>The element at the path, or null when any part is absent or null.</summary>
    public static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    /// <summary>A full commit id: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.</summary>
    public static string Commit(JsonElement root, string path)
    {
        var value = RequiredString(root, path);
        return IsCommitId(value) ? value : throw new WebhookPayloadException($"malformed payload: '{path}' must be a full commit id");
    }

    public static bool IsCommitId(string value) => value.Length is 40 or 64 && IsLowerHex(value);

    /// <summary>A ref under <c>refs/</c> that git would accept as a name (no <c>..</c>, spaces, or special characters).</summary>
    public static string Ref(JsonElement root, string path) => CheckRef(RequiredString(root, path), path);

    public static string CheckRef(string value, string path)
    {
        var valid = value.StartsWith("refs/", StringComparison.Ordinal) && !value.EndsWith('/') && !value.EndsWith(".lock", StringComparison.Ordinal)
            && !value.Contains("..", StringComparison.Ordinal) && !value.Contains("//", StringComparison.Ordinal) && !value.Contains("@{", StringComparison.Ordinal)
            && !value.Any(c => c <= ' ' || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\' or (char)127);
        return valid ? value : throw new WebhookPayloadException($"malformed payload: '{path}' is not a valid git ref");
    }

    public static bool IsZeroCommit(string value) => value.Length > 0 && value.All(c => c == '0');

    private static bool IsLowerHex(string value) => value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
