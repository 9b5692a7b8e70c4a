using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>
/// An OCI image manifest v1.1 used as an artifact manifest: <c>artifactType</c>, the empty config,
/// one or more layers, and an optional <c>subject</c> (which makes it a referrer of that manifest).
/// </summary>
public sealed record OciManifest(string ArtifactType, IReadOnlyList<OciDescriptor> Layers)
{
    /// <summary>The empty JSON object <c>{}</c>, the config of every artifact manifest.</summary>
    public static readonly OciDescriptor EmptyConfig = new(OciMediaTypes.Empty, Digest.Sha256("{}"u8), 2);

    public OciDescriptor? Subject { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public byte[] ToBytes()
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["artifactType"] = ArtifactType,
            ["config"] = Descriptor(EmptyConfig),
            ["layers"] = new JsonArray([.. Layers.Select(l => (JsonNode)Descriptor(l))]),
        };
        if (Subject is { } subject)
            json["subject"] = Descriptor(subject);
        if (Annotations is { Count: > 0 } annotations)
            json["annotations"] = Map(annotations);
        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    /// <exception cref="OciException">Not an image manifest.</exception>
    public static OciManifest Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var root = JsonNode.Parse(bytes) as JsonObject ?? throw new OciException("manifest is not a JSON object");
            if ((string?)root["mediaType"] is { } mediaType && mediaType != OciMediaTypes.ImageManifest)
                throw new OciException($"expected an OCI image manifest, got {mediaType}");
            var layers = (root["layers"] as JsonArray ?? []).Select(l => ReadDescriptor(l!)).ToList();
            var artifactType = (string?)root["artifactType"] ?? (string?)root["config"]?["mediaType"] ?? "";
            return new OciManifest(artifactType, layers)
            {
                Subject = root["subject"] is { } subject ? ReadDescriptor(subject) : null,
                Annotations = ReadMap(root["annotations"]),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OciException($"malformed manifest: {e.Message}", e);
        }
    }

    internal static JsonObject Descriptor(OciDescriptor descriptor)
    {
        var json = new JsonObject
        {
            ["mediaType"] = descriptor.MediaType,
            ["digest"] = descriptor.Digest.ToString(),
            ["size"] = descriptor.Size,
        };
        if (descriptor.Digest == EmptyConfig.Digest && descriptor.MediaType == OciMediaTypes.Empty)
            json["data"] = "e30=";
        if (descriptor.ArtifactType is { } type)
            json["artifactType"] = type;
        if (descriptor.Annotations is { Count: > 0 } annotations)
            json["annotations"] = Map(annotations);
        return json;
    }

    internal static OciDescriptor ReadDescriptor(JsonNode node)
    {
        var digestText = (string?)node["digest"];
        if (!Digest.TryParse(digestText, out var digest))
            throw new OciException($"descriptor digest '{digestText}' is not sha256");
        var size = (long?)node["size"] ?? throw new OciException("descriptor has no size");
        if (size < 0)
            throw new OciException("descriptor has a negative size");
        return new OciDescriptor((string?)node["mediaType"] ?? "", digest, size)
        {
            ArtifactType = (string?)node["artifactType"],
            Annotations = ReadMap(node["annotations"]),
        };
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            json[key] = value;
        return json;
    }

    private static Dictionary<string, string>? ReadMap(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal) : null;
}
