using System.Text;
using System.Text.Json;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Spdx;

/// <summary>
/// Writes SPDX 2.3 JSON: one package for the subject and one per component (purl as a
/// PACKAGE-MANAGER external reference, checksums, declared license), DESCRIBES from the document,
/// DEPENDS_ON edges (DEV_DEPENDENCY_OF for development components) and a unique document namespace.
/// </summary>
public static class SpdxWriter
{
    public const string SubjectId = "SPDXRef-Subject";

    public static void Write(Stream output, SbomDocument document, SbomWriteOptions options, string namespaceBase = "https://rampart.example/spdx")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Components.Count; i++)
            ids[document.Components[i].Purl] = $"SPDXRef-Package-{Sanitize(document.Components[i].Name)}-{i + 1}";

        using var json = new Utf8JsonWriter(output, SbomJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("spdxVersion", "SPDX-2.3");
        json.WriteString("dataLicense", "CC0-1.0");
        json.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        json.WriteString("name", document.Subject.Name);
        json.WriteString("documentNamespace", $"{namespaceBase.TrimEnd('/')}/{Uri.EscapeDataString(document.Subject.Name)}-{options.SerialNumber:D}");
        json.WriteStartObject("creationInfo");
        json.WriteString("created", SbomJson.Timestamp(document.Subject.Created));
        json.WriteStartArray("creators");
        json.WriteStringValue($"Tool: {options.ToolName}-{options.ToolVersion}");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("documentDescribes");
        json.WriteStringValue(SubjectId);
        json.WriteEndArray();

        json.WriteStartArray("packages");
        WritePackage(json, SubjectId, document.Subject.Name, document.Subject.Version, null, [], null);
        foreach (var c in document.Components)
            WritePackage(json, ids[c.Purl], c.Name, c.Version, c.Purl, c.Hashes, c.License);
        json.WriteEndArray();

        json.WriteStartArray("relationships");
        WriteRelationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", SubjectId);
        foreach (var c in document.Components.Where(c => c.Direct != false))
        {
            if (c.Scope == ComponentScope.Development)
                WriteRelationship(json, ids[c.Purl], "DEV_DEPENDENCY_OF", SubjectId);
            else
                WriteRelationship(json, SubjectId, "DEPENDS_ON", ids[c.Purl]);
        }

        foreach (var c in document.Components)
        {
            foreach (var dependency in c.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (ids.TryGetValue(dependency, out var target) && dependency != c.Purl)
                    WriteRelationship(json, ids[c.Purl], "DEPENDS_ON", target);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WritePackage(Utf8JsonWriter json, string id, string name, string? version, string? purl, IReadOnlyList<ComponentHash> hashes, string? license)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", id);
        json.WriteString("name", name);
        if (version is not null)
            json.WriteString("versionInfo", version);
        json.WriteString("downloadLocation", "NOASSERTION");
        json.WriteBoolean("filesAnalyzed", false);
        json.WriteString("licenseConcluded", "NOASSERTION");
        json.WriteString("licenseDeclared", SbomJson.IsLicenseExpression(license) ? license : "NOASSERTION");
        json.WriteString("copyrightText", "NOASSERTION");
        if (hashes.Count > 0)
        {
            json.WriteStartArray("checksums");
            foreach (var hash in hashes)
            {
                json.WriteStartObject();
                json.WriteString("algorithm", hash.Algorithm.Replace("-", "", StringComparison.Ordinal));
                json.WriteString("checksumValue", hash.Hex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (purl is not null)
        {
            json.WriteStartArray("externalRefs");
            json.WriteStartObject();
            json.WriteString("referenceCategory", "PACKAGE-MANAGER");
            json.WriteString("referenceType", "purl");
            json.WriteString("referenceLocator", purl);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string from, string type, string to)
    {
        json.WriteStartObject();
        json.WriteString("spdxElementId", from);
        json.WriteString("relationshipType", type);
        json.WriteString("relatedSpdxElement", to);
        json.WriteEndObject();
    }

    // SPDX ids allow letters, digits, '.' and '-' only.
    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        return text.ToString();
    }
}
