using System.Text.Json;

namespace Rampart.Core.Findings.Sarif;

/// <summary>Writes <c>locations[0].physicalLocation</c>, keeping only the region fields that carry a position.</summary>
internal static class SarifLocationWriter
{
    public static void Write(Utf8JsonWriter json, SourceLocation location)
    {
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", SarifText.RelativeUri(location.Path));
        json.WriteString("uriBaseId", SarifWriter.SourceRootBaseId);
        json.WriteEndObject();
        if (location.StartLine > 0)
        {
            WriteRegion(json, location);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteRegion(Utf8JsonWriter json, SourceLocation location)
    {
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.StartLine);
        if (location.StartColumn > 0)
        {
            json.WriteNumber("startColumn", location.StartColumn);
        }

        // An end before the start is not a region SARIF consumers can show; drop it rather than emit one.
        var endLine = location.EndLine >= location.StartLine ? location.EndLine : 0;
        if (endLine > 0)
        {
            json.WriteNumber("endLine", endLine);
        }

        var sameLine = endLine == 0 || endLine == location.StartLine;
        if (location.EndColumn > 0 && (!sameLine || location.EndColumn >= location.StartColumn))
        {
            json.WriteNumber("endColumn", location.EndColumn);
        }

        json.WriteEndObject();
    }
}
