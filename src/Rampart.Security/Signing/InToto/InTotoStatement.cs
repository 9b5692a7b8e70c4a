using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Security.Signing.InToto;

/// <summary>An in-toto Statement v1: subjects, a predicate type and the predicate.</summary>
public sealed record InTotoStatement(IReadOnlyList<InTotoSubject> Subjects, string PredicateType, JsonObject Predicate)
{
    public const string Type = "https://in-toto.io/Statement/v1";

    /// <summary>The DSSE payload type of an in-toto statement.</summary>
    public const string PayloadType = "application/vnd.in-toto+json";

    public byte[] ToBytes()
    {
        var subjects = new JsonArray();
        foreach (var subject in Subjects)
        {
            var digest = new JsonObject();
            foreach (var (algorithm, hex) in subject.Digest.OrderBy(d => d.Key, StringComparer.Ordinal))
                digest[algorithm] = hex;
            subjects.Add(new JsonObject { ["name"] = subject.Name, ["digest"] = digest });
        }

        var json = new JsonObject
        {
            ["_type"] = Type,
            ["subject"] = subjects,
            ["predicateType"] = PredicateType,
            ["predicate"] = Predicate.DeepClone(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    /// <exception cref="FormatException">Not an in-toto v1 statement.</exception>
    public static InTotoStatement Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"statement is not JSON: {e.Message}", e);
        }

        if (node is not JsonObject root || (string?)root["_type"] is not Type)
            throw new FormatException($"not an in-toto statement ({Type})");
        if (root["predicateType"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var predicateType))
            throw new FormatException("statement has no predicateType");
        if (root["subject"] is not JsonArray list || list.Count == 0)
            throw new FormatException("statement has no subject");
        var subjects = new List<InTotoSubject>();
        foreach (var item in list)
        {
            if (item is not JsonObject subject || subject["digest"] is not JsonObject digest)
                throw new FormatException("a statement subject has no digest");
            var digests = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (algorithm, value) in digest)
                digests[algorithm] = value is JsonValue v && v.TryGetValue<string>(out var hex) ? hex : throw new FormatException($"digest '{algorithm}' is not a string");
            subjects.Add(new InTotoSubject(subject["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : "", digests));
        }

        var predicate = root["predicate"] as JsonObject ?? [];
        return new InTotoStatement(subjects, predicateType, (JsonObject)predicate.DeepClone());
    }
}
