using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Security.Signing.Dsse;

namespace Rampart.Security.Signing.Bundles;

/// <summary>Reads and writes bundles in the protobuf-specs JSON form (camelCase, int64 as strings).</summary>
public static class BundleJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static byte[] Serialize(SigstoreBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var material = new JsonObject();
        if (bundle.PublicKeyHint is { } hint)
            material["publicKey"] = new JsonObject { ["hint"] = hint };
        else if (bundle.Certificates.Count > 0)
            material["certificate"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(bundle.Certificates[0].Span) };
        material["tlogEntries"] = new JsonArray();
        var json = new JsonObject { ["mediaType"] = bundle.MediaType, ["verificationMaterial"] = material };
        if (bundle.MessageSignature is { } message)
        {
            json["messageSignature"] = new JsonObject
            {
                ["messageDigest"] = new JsonObject { ["algorithm"] = "SHA2_256", ["digest"] = Convert.ToBase64String(message.Sha256.Span) },
                ["signature"] = Convert.ToBase64String(message.Signature.Span),
            };
        }
        else if (bundle.Envelope is { } envelope)
        {
            json["dsseEnvelope"] = envelope.ToJson();
        }

        return JsonSerializer.SerializeToUtf8Bytes(json, Indented);
    }

    /// <exception cref="FormatException">Not JSON, or not a bundle this reader understands; the message says which part.</exception>
    public static SigstoreBundle Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"bundle is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var mediaType = Json.RequiredString(root, "mediaType");
            if (!SigstoreBundle.KnownMediaTypes.Contains(mediaType))
                throw new FormatException($"unknown bundle media type '{mediaType}'");
            var material = Json.RequiredObject(root, "verificationMaterial");
            var bundle = new SigstoreBundle
            {
                MediaType = mediaType,
                PublicKeyHint = Json.OptionalObject(material, "publicKey") is { } key ? Json.OptionalString(key, "hint") ?? "" : null,
                Certificates = ReadCertificates(material),
                TlogEntries = ReadTlogEntries(material),
                MessageSignature = Json.OptionalObject(root, "messageSignature") is { } message ? ReadMessageSignature(message) : null,
                Envelope = Json.OptionalObject(root, "dsseEnvelope") is { } envelope ? DsseEnvelope.FromJson(envelope) : null,
            };
            if ((bundle.MessageSignature is null) == (bundle.Envelope is null))
                throw new FormatException("a bundle holds exactly one of messageSignature and dsseEnvelope");
            if (bundle.PublicKeyHint is null && bundle.Certificates.Count == 0)
                throw new FormatException("bundle has no verification material (publicKey, certificate or x509CertificateChain)");
            return bundle;
        }
    }

    private static List<ReadOnlyMemory<byte>> ReadCertificates(JsonElement material)
    {
        if (Json.OptionalObject(material, "certificate") is { } certificate)
            return [Json.RequiredBase64(certificate, "rawBytes")];
        if (Json.OptionalObject(material, "x509CertificateChain") is not { } chain)
            return [];
        if (!chain.TryGetProperty("certificates", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new FormatException("x509CertificateChain has no certificates");
        return [.. list.EnumerateArray().Select(c => (ReadOnlyMemory<byte>)Json.RequiredBase64(c, "rawBytes"))];
    }

    private static MessageSignature ReadMessageSignature(JsonElement message)
    {
        var signature = Json.RequiredBase64(message, "signature");
        if (Json.OptionalObject(message, "messageDigest") is not { } digest)
            return new MessageSignature(ReadOnlyMemory<byte>.Empty, signature);
        var algorithm = Json.RequiredString(digest, "algorithm");
        if (algorithm != "SHA2_256")
            throw new FormatException($"unsupported message digest algorithm '{algorithm}'");
        return new MessageSignature(Json.RequiredBase64(digest, "digest"), signature);
    }

    private static List<TlogEntry> ReadTlogEntries(JsonElement material)
    {
        if (!material.TryGetProperty("tlogEntries", out var list) || list.ValueKind == JsonValueKind.Null)
            return [];
        if (list.ValueKind != JsonValueKind.Array)
            throw new FormatException("tlogEntries is not an array");
        var entries = new List<TlogEntry>();
        foreach (var entry in list.EnumerateArray())
        {
            var index = Json.RequiredInt64(entry, "logIndex");
            if (index < 0)
                throw new FormatException("a log entry has a negative logIndex");
            var kind = Json.RequiredObject(entry, "kindVersion");
            var promise = Json.OptionalObject(entry, "inclusionPromise");
            entries.Add(new TlogEntry(
                index,
                Json.RequiredBase64(Json.RequiredObject(entry, "logId"), "keyId"),
                Json.RequiredString(kind, "kind"),
                Json.RequiredString(kind, "version"),
                entry.TryGetProperty("integratedTime", out _) ? Json.RequiredInt64(entry, "integratedTime") : 0,
                promise is { } p ? Json.RequiredBase64(p, "signedEntryTimestamp") : null,
                Json.RequiredBase64(entry, "canonicalizedBody"),
                Json.OptionalObject(entry, "inclusionProof") is { } proof ? ReadProof(proof) : null));
        }

        return entries;
    }

    private static InclusionProof ReadProof(JsonElement proof)
    {
        var hashes = proof.TryGetProperty("hashes", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(h => (ReadOnlyMemory<byte>)Convert.FromBase64String(h.GetString() ?? ""))]
            : new List<ReadOnlyMemory<byte>>();
        var checkpoint = Json.OptionalObject(proof, "checkpoint") is { } c ? Json.OptionalString(c, "envelope") : null;
        return new InclusionProof(
            Json.RequiredInt64(proof, "logIndex"),
            Json.RequiredInt64(proof, "treeSize"),
            Json.RequiredBase64(proof, "rootHash"),
            hashes,
            checkpoint);
    }
}
