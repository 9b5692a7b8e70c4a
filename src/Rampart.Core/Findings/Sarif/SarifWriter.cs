using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Rampart.Core.Findings.Sarif;

/// <summary>
/// Writes findings as a SARIF 2.1.0 log with one run, in the shape GitHub code scanning accepts.
/// The output is deterministic: rules are ordered by id, results by path, line, column, rule id and
/// fingerprint, so the same findings in any order give byte-identical text.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string SourceRootBaseId = "%SRCROOT%";
    public const string FingerprintKey = "rampart/v1";
    public const string GitHubFingerprintKey = "primaryLocationLineHash";

    // Escapes quotes, backslashes, control and HTML-sensitive characters but keeps other text readable.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(Stream output, SarifTool tool, IReadOnlyList<SarifRule> rules, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(findings);
        RequireAbsoluteUri(tool.InformationUri, nameof(tool));
        ArgumentException.ThrowIfNullOrWhiteSpace(tool.Name, nameof(tool));

        var allRules = SarifRuleSet.Build(rules, findings);
        var ordered = findings.OrderBy(f => f.Location?.Path ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Location?.StartLine ?? 0)
            .ThenBy(f => f.Location?.StartColumn ?? 0)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ThenBy(f => f.Severity)
            .ToList();

        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, tool, allRules);
            // Columns count UTF-16 code units, as .NET string indexes do; GitHub assumes the same.
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var finding in ordered)
            {
                WriteResult(json, finding, allRules);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    public static string ToJson(SarifTool tool, IReadOnlyList<SarifRule> rules, IReadOnlyList<Finding> findings)
    {
        using var buffer = new MemoryStream();
        Write(buffer, tool, rules, findings);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteTool(Utf8JsonWriter json, SarifTool tool, SarifRuleSet rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", SarifText.WellFormed(tool.Name));
        json.WriteString("version", SarifText.WellFormed(tool.Version));
        json.WriteString("informationUri", tool.InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", SarifText.WellFormed(rule.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", SarifText.WellFormed(rule.ShortDescription));
            json.WriteEndObject();
            if (rule.HelpUri is not null)
            {
                json.WriteString("helpUri", rule.HelpUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SarifSeverity.Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("security-severity", SarifSeverity.Score(rule.DefaultSeverity));
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, SarifRuleSet rules)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", SarifText.WellFormed(finding.RuleId));
        json.WriteNumber("ruleIndex", rules.IndexOf(finding.RuleId));
        json.WriteString("level", SarifSeverity.Level(finding.Severity));
        json.WriteStartObject("message");
        // SARIF requires message text; an empty one would show as a blank alert.
        json.WriteString("text", SarifText.WellFormed(string.IsNullOrWhiteSpace(finding.Message) ? finding.RuleId : finding.Message));
        json.WriteEndObject();
        if (finding.Location is { Path.Length: > 0 } location)
        {
            SarifLocationWriter.Write(json, location);
        }

        if (finding.Fingerprint.Length > 0)
        {
            var fingerprint = SarifText.WellFormed(finding.Fingerprint);
            json.WriteStartObject("partialFingerprints");
            json.WriteString(GitHubFingerprintKey, fingerprint);
            json.WriteString(FingerprintKey, fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    internal static void RequireAbsoluteUri(string? uri, string paramName)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"'{uri}' is not an absolute URI.", paramName);
        }
    }
}
