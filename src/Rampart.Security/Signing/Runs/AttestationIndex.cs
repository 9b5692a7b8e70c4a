using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Core.Signing;

namespace Rampart.Security.Signing.Runs;

/// <summary>
/// Where a run's bundles lie: <c>&lt;state&gt;/attestations/&lt;run&gt;/</c> with an <c>index.json</c>
/// naming each bundle. The index only locates bundles; every bundle is verified on its own.
/// </summary>
public static class AttestationIndex
{
    public const string FileName = "index.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string RelativeDirectory(long runId) => Path.Combine("attestations", runId.ToString(CultureInfo.InvariantCulture));

    public static void Write(string runDirectory, IReadOnlyList<AttestationRecord> records)
    {
        var list = new JsonArray();
        foreach (var record in records)
        {
            list.Add(new JsonObject
            {
                ["kind"] = record.Kind.ToString().ToLowerInvariant(),
                ["subject"] = record.Subject,
                ["bundleDigest"] = record.BundleDigest.ToString(),
                ["bundle"] = record.BundlePath,
            });
        }

        File.WriteAllText(Path.Combine(runDirectory, FileName), new JsonObject { ["attestations"] = list }.ToJsonString(Indented) + "\n");
    }

    /// <summary>Reads a run's index; returns null when the run was never signed.</summary>
    /// <exception cref="FormatException">The index is damaged.</exception>
    public static IReadOnlyList<AttestationRecord>? Read(string stateDirectory, long runId)
    {
        var path = Path.Combine(stateDirectory, RelativeDirectory(runId), FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllBytes(path))!;
            return [.. root["attestations"]!.AsArray().Select(item => new AttestationRecord(
                runId,
                Enum.Parse<AttestationKind>((string)item!["kind"]!, ignoreCase: true),
                (string)item["subject"]!,
                Digest.TryParse((string?)item["bundleDigest"], out var digest) ? digest : throw new FormatException("bad bundle digest"),
                (string)item["bundle"]!))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            throw new FormatException($"{path}: damaged attestation index ({e.Message})", e);
        }
    }
}
