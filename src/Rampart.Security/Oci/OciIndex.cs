using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Security.Oci;

/// <summary>An OCI image index: the referrers API's answer, and the body of a <c>sha256-&lt;hex&gt;</c> fallback tag.</summary>
public static class OciIndex
{
    public static byte[] Serialize(IReadOnlyList<OciDescriptor> manifests) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageIndex,
            ["manifests"] = new JsonArray([.. manifests.Select(m => (JsonNode)OciManifest.Descriptor(m))]),
        });

    /// <exception cref="OciException">Not an index.</exception>
    public static IReadOnlyList<OciDescriptor> Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var root = JsonNode.Parse(bytes) as JsonObject ?? throw new OciException("index is not a JSON object");
            return [.. (root["manifests"] as JsonArray ?? []).Select(m => OciManifest.ReadDescriptor(m!))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OciException($"malformed index: {e.Message}", e);
        }
    }
}
