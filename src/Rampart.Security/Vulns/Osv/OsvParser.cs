using System.Globalization;
using System.Text.Json;

namespace Rampart.Security.Vulns.Osv;

/// <summary>Parses OSV JSON (schema 1.x) into <see cref="OsvRecord"/>; a record without an id or a valid <c>modified</c> is refused.</summary>
public static class OsvParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = false };

    public static OsvRecord Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        using var doc = JsonDocument.ParseValue(ref reader);
        return Parse(doc.RootElement);
    }

    public static OsvRecord Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException("an OSV record must be a JSON object");
        var id = Str(root, "id") ?? throw new FormatException("an OSV record needs an 'id'");
        var modified = Time(Str(root, "modified")) ?? throw new FormatException($"{id}: 'modified' is missing or not RFC 3339");
        var affected = new List<OsvAffected>();
        foreach (var a in Array(root, "affected"))
        {
            var package = a.TryGetProperty("package", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var ecosystem = package.ValueKind == JsonValueKind.Object ? Str(package, "ecosystem") : null;
            var name = package.ValueKind == JsonValueKind.Object ? Str(package, "name") : null;
            if (ecosystem is null || name is null)
                continue;
            var ranges = Array(a, "ranges").Select(r => new OsvRange(
                Str(r, "type") ?? "",
                [.. Array(r, "events").SelectMany(Events)])).ToList();
            var versions = Array(a, "versions").Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            var label = Label(a, "ecosystem_specific") ?? Label(a, "database_specific");
            affected.Add(new OsvAffected(ecosystem, name, ranges, versions) { SeverityLabel = label });
        }

        return new OsvRecord(id, modified, Strings(root, "aliases"), affected)
        {
            Withdrawn = Time(Str(root, "withdrawn")),
            Summary = Str(root, "summary"),
            Severity = [.. Array(root, "severity").Select(s => (Str(s, "type"), Str(s, "score"))).Where(s => s.Item1 is not null && s.Item2 is not null).Select(s => new OsvSeverity(s.Item1!, s.Item2!))],
            SeverityLabel = Label(root, "database_specific"),
            Related = Strings(root, "related"),
        };
    }

    private static IEnumerable<OsvEvent> Events(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            yield break;
        foreach (var (key, kind) in new[] { ("introduced", OsvEventKind.Introduced), ("fixed", OsvEventKind.Fixed), ("last_affected", OsvEventKind.LastAffected), ("limit", OsvEventKind.Limit) })
        {
            if (Str(e, key) is { Length: > 0 } v)
                yield return new OsvEvent(kind, v);
        }
    }

    private static string? Label(JsonElement e, string property) =>
        e.TryGetProperty(property, out var d) && d.ValueKind == JsonValueKind.Object ? Str(d, "severity") : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement[] Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    private static List<string> Strings(JsonElement e, string name) =>
        [.. Array(e, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];

    internal static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
