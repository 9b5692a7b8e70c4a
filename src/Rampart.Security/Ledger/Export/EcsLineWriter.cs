using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Core.Audit;
using Rampart.Core.Audit.Storage;

namespace Rampart.Security.Ledger.Export;

/// <summary>
/// Writes ledger entries as JSON lines with Elastic Common Schema field names, ready for
/// Filebeat/Logstash, Elasticsearch or any SIEM that reads ECS. Rampart-specific fields sit under
/// <c>rampart.*</c>, the namespace ECS reserves for custom fields.
/// </summary>
public static class EcsLineWriter
{
    public const string EcsVersion = "8.11.0";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one line per entry; returns how many were written.</summary>
    public static long Write(IEnumerable<StoredEntry> entries, Stream output, string ledgerName)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        foreach (var stored in entries)
        {
            using (var writer = new Utf8JsonWriter(output, Options))
                WriteOne(writer, LedgerEntry.Parse(stored.Body), Convert.ToHexStringLower(stored.LeafHash), ledgerName);
            output.WriteByte((byte)'\n');
            count++;
        }

        return count;
    }

    private static void WriteOne(Utf8JsonWriter writer, LedgerEntry entry, string leafHash, string ledgerName)
    {
        writer.WriteStartObject();
        writer.WriteString("@timestamp", entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartObject("ecs");
        writer.WriteString("version", EcsVersion);
        writer.WriteEndObject();

        writer.WriteStartObject("event");
        writer.WriteString("kind", "event");
        writer.WriteString("action", entry.Kind);
        WriteArray(writer, "category", Category(entry.Kind));
        WriteArray(writer, "type", Type(entry.Kind));
        if (Outcome(entry) is { } outcome)
            writer.WriteString("outcome", outcome);
        writer.WriteNumber("sequence", entry.Index);
        writer.WriteString("hash", leafHash);
        writer.WriteString("dataset", "rampart.ledger");
        writer.WriteString("provider", "rampart");
        writer.WriteString("module", "rampart");
        writer.WriteEndObject();

        writer.WriteStartObject("user");
        writer.WriteString("name", entry.Actor);
        writer.WriteEndObject();
        writer.WriteStartObject("observer");
        writer.WriteString("product", "rampart");
        writer.WriteString("type", "ci-cd");
        writer.WriteString("name", ledgerName);
        writer.WriteEndObject();

        writer.WriteStartObject("rampart");
        writer.WriteStartObject("ledger");
        writer.WriteNumber("index", entry.Index);
        writer.WriteString("leaf_hash", leafHash);
        writer.WriteString("name", ledgerName);
        writer.WriteEndObject();
        writer.WriteString("subject", entry.Subject);
        writer.WriteStartObject("details");
        foreach (var (key, value) in entry.Details.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            writer.WriteString(key, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string[] Category(string kind) => kind switch
    {
        AuditKinds.RunStarted or AuditKinds.RunFinished or AuditKinds.JobFinished or AuditKinds.StepFinished => ["process"],
        AuditKinds.TokenIssued => ["authentication", "iam"],
        AuditKinds.SecretIssued or AuditKinds.KeyChanged or AuditKinds.AccessChanged => ["iam"],
        AuditKinds.ConfigChanged => ["configuration"],
        AuditKinds.GateDecided or AuditKinds.VerificationDone or AuditKinds.ApprovalDecided => ["intrusion_detection"],
        _ => ["package"],
    };

    private static string[] Type(string kind) => kind switch
    {
        AuditKinds.RunStarted => ["start"],
        AuditKinds.RunFinished or AuditKinds.JobFinished or AuditKinds.StepFinished => ["end"],
        AuditKinds.SecretIssued or AuditKinds.TokenIssued => ["access"],
        AuditKinds.ArtifactSigned or AuditKinds.ProvenanceCreated => ["creation"],
        AuditKinds.ConfigChanged or AuditKinds.KeyChanged or AuditKinds.AccessChanged or AuditKinds.DeployDone => ["change"],
        _ => ["info"],
    };

    private static string? Outcome(LedgerEntry entry)
    {
        var value = entry.Details.TryGetValue("outcome", out var outcome) ? outcome
            : entry.Details.TryGetValue("decision", out var decision) ? decision
            : entry.Details.TryGetValue("result", out var result) ? result
            : null;
        return value?.ToUpperInvariant() switch
        {
            null => null,
            "SUCCESS" or "SUCCEEDED" or "PASS" or "PASSED" or "APPROVED" or "OK" or "VERIFIED" => "success",
            "FAILURE" or "FAIL" or "FAILED" or "TIMEDOUT" or "DENIED" or "REJECTED" or "REFUSED" or "ERROR" => "failure",
            _ => "unknown",
        };
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
