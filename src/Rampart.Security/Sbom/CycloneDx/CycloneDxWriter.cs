using System.Text.Json;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Purl;

namespace Rampart.Security.Sbom.CycloneDx;

/// <summary>
/// Writes CycloneDX 1.6 JSON: metadata (tool, subject), components (purl, version, hashes, license,
/// scope, direct and found-in as properties) and the dependency graph, with the subject depending on
/// the direct components. Output order follows the components' order, so it is deterministic for a
/// given <see cref="SbomWriteOptions.SerialNumber"/> and time.
/// </summary>
public static class CycloneDxWriter
{
    public const string SubjectRef = "rampart:subject";

    public static void Write(Stream output, SbomDocument document, SbomWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var known = document.Components.Select(c => c.Purl).ToHashSet(StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output, SbomJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteString("serialNumber", "urn:uuid:" + options.SerialNumber.ToString("D"));
        json.WriteNumber("version", 1);
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", SbomJson.Timestamp(document.Subject.Created));
        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", options.ToolName);
        json.WriteString("version", options.ToolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("component");
        json.WriteString("type", "application");
        json.WriteString("bom-ref", SubjectRef);
        json.WriteString("name", document.Subject.Name);
        if (document.Subject.Version is { } version)
            json.WriteString("version", version);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("components");
        foreach (var component in document.Components)
            WriteComponent(json, component);
        json.WriteEndArray();

        json.WriteStartArray("dependencies");
        json.WriteStartObject();
        json.WriteString("ref", SubjectRef);
        WriteRefs(json, document.Components.Where(c => c.Direct != false).Select(c => c.Purl));
        json.WriteEndObject();
        foreach (var component in document.Components)
        {
            json.WriteStartObject();
            json.WriteString("ref", component.Purl);
            WriteRefs(json, component.DependsOn.Where(known.Contains).Where(p => p != component.Purl));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteRefs(Utf8JsonWriter json, IEnumerable<string> refs)
    {
        json.WriteStartArray("dependsOn");
        foreach (var r in refs.Distinct(StringComparer.Ordinal))
            json.WriteStringValue(r);
        json.WriteEndArray();
    }

    private static void WriteComponent(Utf8JsonWriter json, Component component)
    {
        var purl = PackageUrl.Parse(component.Purl);
        json.WriteStartObject();
        json.WriteString("type", "library");
        json.WriteString("bom-ref", component.Purl);
        if (purl.Namespace is not null)
            json.WriteString("group", purl.Namespace);
        json.WriteString("name", purl.Name);
        json.WriteString("version", component.Version);
        json.WriteString("scope", component.Scope switch
        {
            ComponentScope.Optional => "optional",
            ComponentScope.Development => "excluded",
            _ => "required",
        });
        if (component.Hashes.Count > 0)
        {
            json.WriteStartArray("hashes");
            foreach (var hash in component.Hashes)
            {
                json.WriteStartObject();
                json.WriteString("alg", hash.Algorithm);
                json.WriteString("content", hash.Hex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (SbomJson.IsLicenseExpression(component.License))
        {
            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteString("expression", component.License);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteString("purl", component.Purl);
        json.WriteStartArray("properties");
        if (component.Direct is { } direct)
            WriteProperty(json, "rampart:direct", direct ? "true" : "false");
        if (component.Scope == ComponentScope.Development)
            WriteProperty(json, "rampart:scope", "development");
        foreach (var file in component.FoundIn)
            WriteProperty(json, "rampart:found-in", file);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
