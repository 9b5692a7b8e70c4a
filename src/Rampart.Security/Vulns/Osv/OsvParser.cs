using System.Globalization;
using System.Text.Json;

namespace Rampart.Security.Vulns.Osv;

/// <summary>
/// Parses OSV JSON (schema 1.x) into <see cref="OsvRecord"/> in one forward pass, skipping what
/// matching never reads (details, references, credits). A record without a string <c>id</c> or an
/// RFC 3339 <c>modified</c> is refused; fields of an unexpected type are ignored, as the schema's
/// optional fields allow.
/// </summary>
public static class OsvParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static OsvRecord Parse(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, Options);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            throw new FormatException("an OSV record must be a JSON object");
        string? id = null, modified = null, withdrawn = null, summary = null, label = null;
        List<string> aliases = [], related = [];
        List<OsvSeverity> severity = [];
        List<OsvAffected> affected = [];
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = r.GetString();
            r.Read();
            switch (name)
            {
                case "id": id = Str(ref r); break;
                case "modified": modified = Str(ref r); break;
                case "withdrawn": withdrawn = Str(ref r); break;
                case "summary": summary = Str(ref r); break;
                case "aliases": aliases = Strings(ref r); break;
                case "related": related = Strings(ref r); break;
                case "severity": severity = Severities(ref r); break;
                case "affected": affected = Affected(ref r); break;
                case "database_specific": label = SeverityLabel(ref r); break;
                default: r.Skip(); break;
            }
        }

        if (id is null)
            throw new FormatException("an OSV record needs an 'id'");
        var modifiedTime = Time(modified) ?? throw new FormatException($"{id}: 'modified' is missing or not RFC 3339");
        return new OsvRecord(id, modifiedTime, aliases, affected)
        {
            Withdrawn = Time(withdrawn),
            Summary = summary,
            Severity = severity,
            SeverityLabel = label,
            Related = related,
        };
    }

    private static List<OsvAffected> Affected(ref Utf8JsonReader r)
    {
        var list = new List<OsvAffected>();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return list;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            string? ecosystem = null, packageName = null, label = null;
            var ranges = new List<OsvRange>();
            List<string> versions = [];
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.GetString();
                r.Read();
                switch (name)
                {
                    case "package": (ecosystem, packageName) = Package(ref r); break;
                    case "ranges": Ranges(ref r, ranges); break;
                    case "versions": versions = Strings(ref r); break;
                    case "ecosystem_specific" or "database_specific": label ??= SeverityLabel(ref r); break;
                    default: r.Skip(); break;
                }
            }

            if (ecosystem is not null && packageName is not null)
                list.Add(new OsvAffected(ecosystem, packageName, ranges, versions) { SeverityLabel = label });
        }

        return list;
    }

    private static (string?, string?) Package(ref Utf8JsonReader r)
    {
        string? ecosystem = null, name = null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return (null, null);
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = r.GetString();
            r.Read();
            if (key == "ecosystem")
                ecosystem = Str(ref r);
            else if (key == "name")
                name = Str(ref r);
            else
                r.Skip();
        }

        return (ecosystem, name);
    }

    private static void Ranges(ref Utf8JsonReader r, List<OsvRange> ranges)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            var type = "";
            var events = new List<OsvEvent>();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var key = r.GetString();
                r.Read();
                if (key == "type")
                    type = Str(ref r) ?? "";
                else if (key == "events" && r.TokenType == JsonTokenType.StartArray)
                    Events(ref r, events);
                else
                    r.Skip();
            }

            ranges.Add(new OsvRange(type, events));
        }
    }

    private static void Events(ref Utf8JsonReader r, List<OsvEvent> events)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var key = r.GetString();
                r.Read();
                OsvEventKind? kind = key switch
                {
                    "introduced" => OsvEventKind.Introduced,
                    "fixed" => OsvEventKind.Fixed,
                    "last_affected" => OsvEventKind.LastAffected,
                    "limit" => OsvEventKind.Limit,
                    _ => null,
                };
                if (kind is not null && Str(ref r) is { Length: > 0 } version)
                    events.Add(new OsvEvent(kind.Value, version));
                else if (kind is null)
                    r.Skip();
            }
        }
    }

    private static List<OsvSeverity> Severities(ref Utf8JsonReader r)
    {
        var list = new List<OsvSeverity>();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return list;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            string? type = null, score = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var key = r.GetString();
                r.Read();
                if (key == "type")
                    type = Str(ref r);
                else if (key == "score")
                    score = Str(ref r);
                else
                    r.Skip();
            }

            if (type is not null && score is not null)
                list.Add(new OsvSeverity(type, score));
        }

        return list;
    }

    private static string? SeverityLabel(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return null;
        }

        string? label = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = r.GetString();
            r.Read();
            if (key == "severity")
                label = Str(ref r);
            else
                r.Skip();
        }

        return label;
    }

    private static List<string> Strings(ref Utf8JsonReader r)
    {
        var list = new List<string>();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return list;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String)
                list.Add(r.GetString()!);
            else
                r.Skip();
        }

        return list;
    }

    // Reads a string value; any other value is skipped and gives null.
    private static string? Str(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String)
            return r.GetString();
        r.Skip();
        return null;
    }

    internal static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
