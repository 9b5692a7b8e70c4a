using System.Globalization;
using System.Text;
using System.Text.Json;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Vulns.Cvss;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Store;

namespace Rampart.Cli.Output;

/// <summary>The <c>scan deps</c> report as text for people or as JSON for tools; every match says why it matched and what to upgrade to.</summary>
internal static class DepsReport
{
    public static void WriteTable(Stream output, SbomDocument document, IReadOnlyList<VulnerabilityMatch> matches, OsvStoreInfo info)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var m in matches)
        {
            var c = m.Component;
            text.WriteLine($"{m.Severity.ToString().ToUpperInvariant(),-9} {c.Name} {c.Version} ({c.Ecosystem})  {m.Id}{(m.Aliases.Count > 0 ? " (" + string.Join(", ", m.Aliases) + ")" : "")}");
            if (!string.IsNullOrWhiteSpace(m.Summary))
                text.WriteLine($"          {m.Summary.Trim()}");
            text.WriteLine($"          fix: {(m.FixedVersion is null ? "no fixed version known" : "upgrade to " + m.FixedVersion)}");
            text.WriteLine($"          severity: {(m.Score is { } s ? $"CVSS {CvssScore.Format(s)} {m.Vector}" : m.SeveritySource == "advisory" ? "from the advisory's label" : "not given; treated as high")}");
            text.WriteLine($"          matched: {m.MatchedRange}");
            text.WriteLine($"          found in: {string.Join(", ", c.FoundIn)}{(c.Direct == false ? " (transitive)" : c.Direct == true ? " (direct)" : "")}");
        }

        var affected = matches.Select(m => m.Component.Purl).Distinct(StringComparer.Ordinal).Count();
        var age = info.NewestModified is { } newest ? $"newest record {(DateTimeOffset.UtcNow - newest).TotalDays:0} days old" : "empty";
        text.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{matches.Count} vulnerabilities in {affected} of {document.Components.Count} components; advisory store: {info.Records} records, {age}"));
    }

    public static void WriteJson(Stream output, SbomDocument document, IReadOnlyList<VulnerabilityMatch> matches, OsvStoreInfo info)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("components", document.Components.Count);
        json.WriteStartObject("advisoryStore");
        json.WriteNumber("records", info.Records);
        if (info.NewestModified is { } newest)
            json.WriteString("newestModified", newest);
        json.WriteEndObject();
        json.WriteStartArray("vulnerabilities");
        foreach (var m in matches)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteStartArray("aliases");
            foreach (var a in m.Aliases)
                json.WriteStringValue(a);
            json.WriteEndArray();
            json.WriteString("ecosystem", m.Component.Ecosystem);
            json.WriteString("package", m.Component.Name);
            json.WriteString("version", m.Component.Version);
            json.WriteString("purl", m.Component.Purl);
            json.WriteString("severity", m.Severity.ToString().ToLowerInvariant());
            if (m.Score is { } score)
            {
                json.WriteNumber("cvssScore", score);
                json.WriteString("cvssVector", m.Vector);
            }

            json.WriteString("fixedVersion", m.FixedVersion);
            json.WriteString("matchedRange", m.MatchedRange);
            json.WriteString("summary", m.Summary);
            json.WriteStartArray("foundIn");
            foreach (var f in m.Component.FoundIn)
                json.WriteStringValue(f);
            json.WriteEndArray();
            if (m.Component.Direct is { } direct)
                json.WriteBoolean("direct", direct);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
