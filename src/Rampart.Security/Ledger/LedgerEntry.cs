using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Core.Audit;

namespace Rampart.Security.Ledger;

/// <summary>
/// One ledger record. Its canonical JSON (keys sorted, no white space, UTF-8) is the Merkle leaf:
/// <c>{"actor":…,"details":{…},"index":n,"kind":…,"subject":…,"time":"…Z"}</c>. The index inside
/// the record makes a moved or reordered entry detectable on its own.
/// </summary>
public sealed record LedgerEntry(long Index, DateTimeOffset Time, string Kind, string Actor, string Subject, IReadOnlyDictionary<string, string> Details)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Only what JSON requires is escaped, so the bytes read as the text they hold.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static LedgerEntry From(long index, DateTimeOffset time, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return new LedgerEntry(index, time, auditEvent.Kind, auditEvent.Actor, auditEvent.Subject, auditEvent.Details);
    }

    public byte[] ToCanonicalJson()
    {
        // One buffer and writer per thread: the ledger serialises hundreds of thousands of entries a second.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("actor", Actor);
        writer.WriteStartObject("details");
        if (Details.Count > 0)
        {
            var keys = new string[Details.Count];
            var k = 0;
            foreach (var key in Details.Keys)
                keys[k++] = key;
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
                writer.WriteString(key, Details[key]);
        }

        writer.WriteEndObject();
        writer.WriteNumber("index", Index);
        writer.WriteString("kind", Kind);
        writer.WriteString("subject", Subject);
        Span<char> time = stackalloc char[32];
        if (!Time.UtcDateTime.TryFormat(time, out var written, TimeFormat, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("time did not format");
        writer.WriteString("time", time[..written]);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a stored record. Throws <see cref="FormatException"/> when it is not one.</summary>
    public static LedgerEntry Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("details").EnumerateObject())
                details[property.Name] = property.Value.GetString() ?? "";
            var time = DateTimeOffset.ParseExact(root.GetProperty("time").GetString() ?? "", TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new LedgerEntry(root.GetProperty("index").GetInt64(), time, Text(root, "kind"), Text(root, "actor"), Text(root, "subject"), details);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FormatException("not a ledger record: " + e.Message, e);
        }
    }

    /// <summary>Reads only the index field, the cheap check used when verifying millions of entries.</summary>
    internal static long? ReadIndex(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIndex = reader.ValueTextEquals("index"u8);
                if (!reader.Read())
                    return null;
                if (isIndex)
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString() ?? "";
}
