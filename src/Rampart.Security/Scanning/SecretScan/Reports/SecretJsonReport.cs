using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rampart.Security.Scanning.SecretScan.Reports;

/// <summary>
/// The JSON report: <c>{"version":1,"findings":[…],"stats":{…}}</c>. Secrets appear only redacted; the
/// fingerprint identifies a secret at a path across runs, so any earlier report is a valid baseline.
/// </summary>
public static class SecretJsonReport
{
    public const int Version = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Stream output, SecretScanResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("tool", "rampart secret scan");
            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
                WriteFinding(json, f);
            json.WriteEndArray();
            var s = result.Stats;
            json.WriteStartObject("stats");
            json.WriteNumber("files", s.Files);
            json.WriteNumber("bytes", s.Bytes);
            json.WriteNumber("commits", s.Commits);
            json.WriteNumber("skippedBinary", s.SkippedBinary);
            json.WriteNumber("skippedLarge", s.SkippedLarge);
            json.WriteNumber("seconds", Math.Round(s.Elapsed.TotalSeconds, 3));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteFinding(Utf8JsonWriter json, SecretFinding f)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteString("description", f.Description);
        json.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        json.WriteString("path", f.Path);
        json.WriteNumber("line", f.Line);
        json.WriteNumber("column", f.Column);
        json.WriteNumber("endColumn", f.EndColumn);
        json.WriteString("secret", f.Redacted);
        json.WriteString("fingerprint", f.Fingerprint);
        json.WriteNumber("entropy", f.Entropy);
        if (f.Decoded is not null)
            json.WriteString("decoded", f.Decoded);
        if (f.Commit is not null)
        {
            json.WriteString("commit", f.Commit);
            json.WriteString("author", f.Author);
            json.WriteString("email", f.Email);
            if (f.Date is { } date)
                json.WriteString("date", date.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }
}
