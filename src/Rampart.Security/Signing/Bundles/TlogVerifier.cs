using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// Checks Rekor v1 log entries: the entry's body must describe this bundle's signature, the log's
/// signed entry timestamp must verify, and an inclusion proof (when present) must lead to a
/// checkpoint the log signed. Returns the verified integration time.
/// </summary>
internal static class TlogVerifier
{
    public static (DateTimeOffset? SignedAt, string? Error) Verify(TlogEntry entry, SigstoreBundle bundle, ReadOnlySpan<byte> messageDigest, byte[] material, TrustedRoot root, DateTimeOffset now)
    {
        var log = root.Logs.FirstOrDefault(l => l.KeyId.Span.SequenceEqual(entry.LogKeyId.Span));
        if (log is null)
            return (null, "log entry comes from a log the trusted root does not know");
        if (BodyError(entry, bundle, messageDigest, material) is { } bodyError)
            return (null, bodyError);
        if (entry.SignedEntryTimestamp is not { } set)
            return (null, "log entry has no signed entry timestamp (inclusion promise)");
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody.Span)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogKeyId.Span)}\",\"logIndex\":{entry.LogIndex}}}");
        if (!log.Key.Verify(Encoding.UTF8.GetBytes(payload), set.Span))
            return (null, "log entry's signed entry timestamp does not verify with the log's key");
        var time = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
        if (time > now.AddMinutes(5))
            return (null, "log entry's integrated time is in the future");
        if (!log.ValidAt(time))
            return (null, "log entry was integrated outside the log key's validity");
        if (entry.Proof is null && bundle.MediaType != "application/vnd.dev.sigstore.bundle+json;version=0.1")
            return (null, "log entry has no inclusion proof (required from bundle v0.2 on)");
        if (entry.Proof is { } proof)
        {
            if (!MerkleProof.VerifyInclusion(proof.LogIndex, proof.TreeSize, MerkleProof.LeafHash(entry.CanonicalizedBody.Span), proof.Hashes, proof.RootHash.Span))
                return (null, "log entry's inclusion proof does not lead to the tree root");
            if (proof.Checkpoint is { } note && Checkpoint.Check(note, log, proof) is { } checkpointError)
                return (null, checkpointError);
        }

        return (time, null);
    }

    private static string? BodyError(TlogEntry entry, SigstoreBundle bundle, ReadOnlySpan<byte> messageDigest, byte[] material)
    {
        try
        {
            using var body = JsonDocument.Parse(entry.CanonicalizedBody);
            var root = body.RootElement;
            var kind = Json.RequiredString(root, "kind");
            var spec = Json.RequiredObject(root, "spec");
            if (kind != entry.Kind)
                return "log entry's body is of another kind than the entry says";
            return (kind, bundle.Envelope) switch
            {
                ("hashedrekord", null) => HashedRekordError(spec, bundle.MessageSignature!, messageDigest, material),
                ("dsse", { } envelope) => DsseError(spec, envelope, material),
                ("intoto", { } envelope) => InTotoError(spec, envelope),
                _ => $"log entry kind '{kind}' does not fit the bundle's content",
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return $"log entry's body is malformed ({e.Message})";
        }
    }

    private static string? HashedRekordError(JsonElement spec, MessageSignature message, ReadOnlySpan<byte> digest, byte[] material)
    {
        var hash = spec.GetProperty("data").GetProperty("hash");
        if (Json.RequiredString(hash, "algorithm") != "sha256" || Json.RequiredString(hash, "value") != Convert.ToHexStringLower(digest))
            return "log entry records another artifact digest";
        var signature = Json.RequiredObject(spec, "signature");
        if (!Json.RequiredBase64(signature, "content").AsSpan().SequenceEqual(message.Signature.Span))
            return "log entry records another signature";
        return MaterialError(Json.RequiredBase64(Json.RequiredObject(signature, "publicKey"), "content"), material);
    }

    private static string? DsseError(JsonElement spec, Dsse.DsseEnvelope envelope, byte[] material)
    {
        if (Json.RequiredString(Json.RequiredObject(spec, "payloadHash"), "value") != Convert.ToHexStringLower(SHA256.HashData(envelope.Payload.Span)))
            return "log entry records another DSSE payload";
        var recorded = spec.GetProperty("signatures").EnumerateArray().ToList();
        if (recorded.Count != envelope.Signatures.Count)
            return "log entry records other DSSE signatures";
        foreach (var signature in envelope.Signatures)
        {
            var match = recorded.FirstOrDefault(r => Json.RequiredBase64(r, "signature").AsSpan().SequenceEqual(signature.Signature.Span));
            if (match.ValueKind != JsonValueKind.Object)
                return "log entry records other DSSE signatures";
            if (MaterialError(Json.RequiredBase64(match, "verifier"), material) is { } error)
                return error;
        }

        return null;
    }

    private static string? InTotoError(JsonElement spec, Dsse.DsseEnvelope envelope)
    {
        var content = Json.RequiredObject(spec, "content");
        if (Json.RequiredString(Json.RequiredObject(content, "payloadHash"), "value") != Convert.ToHexStringLower(SHA256.HashData(envelope.Payload.Span)))
            return "log entry records another in-toto payload";
        var recorded = Json.RequiredObject(content, "envelope").GetProperty("signatures").EnumerateArray()
            .Select(s => Encoding.ASCII.GetString(Json.RequiredBase64(s, "sig"))).ToHashSet(StringComparer.Ordinal);
        return envelope.Signatures.All(s => recorded.Contains(Convert.ToBase64String(s.Signature.Span)))
            ? null
            : "log entry records other in-toto signatures";
    }

    /// <summary>The entry's key or certificate is PEM; compare its DER with the bundle's.</summary>
    private static string? MaterialError(byte[] recordedPem, byte[] material)
    {
        var text = Encoding.ASCII.GetString(recordedPem);
        if (!System.Security.Cryptography.PemEncoding.TryFind(text, out var fields))
            return "log entry's verifier is not PEM";
        var der = Convert.FromBase64String(text[fields.Base64Data]);
        return der.AsSpan().SequenceEqual(material) ? null : "log entry was made with another key or certificate";
    }
}
