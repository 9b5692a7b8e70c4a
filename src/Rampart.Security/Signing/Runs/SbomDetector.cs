using System.Text.Json;

namespace Rampart.Security.Signing.Runs;

/// <summary>Recognises an SBOM among a run's artifacts by content (CycloneDX or SPDX JSON) and names its predicate type.</summary>
internal static class SbomDetector
{
    public const string CycloneDxPredicate = "https://cyclonedx.org/bom";
    public const string SpdxPredicate = "https://spdx.dev/Document";
    private const long MaxSbomBytes = 64L * 1024 * 1024;

    public static bool MayBeSbom(string name, long size) =>
        size <= MaxSbomBytes && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The predicate type when the JSON is an SBOM, else null.</summary>
    public static string? PredicateType(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("bomFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "CycloneDX")
                return CycloneDxPredicate;
            if (root.TryGetProperty("spdxVersion", out var spdx) && spdx.ValueKind == JsonValueKind.String && spdx.GetString()!.StartsWith("SPDX-", StringComparison.Ordinal))
                return SpdxPredicate;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
