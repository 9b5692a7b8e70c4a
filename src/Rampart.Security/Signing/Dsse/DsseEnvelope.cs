using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Dsse;

/// <summary>A DSSE envelope: a typed payload and signatures over its PAE.</summary>
public sealed record DsseEnvelope(string PayloadType, ReadOnlyMemory<byte> Payload, IReadOnlyList<DsseSignature> Signatures)
{
    public const string MediaType = "application/vnd.dsse.envelope.v1+json";

    public static async Task<DsseEnvelope> SignAsync(ISigner signer, string payloadType, ReadOnlyMemory<byte> payload, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = await signer.SignAsync(Pae.Encode(payloadType, payload.Span), cancellationToken).ConfigureAwait(false);
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(signature, keyId)]);
    }

    /// <summary>True when at least one signature verifies with the key over the PAE.</summary>
    public bool VerifyWith(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pae = Pae.Encode(PayloadType, Payload.Span);
        return Signatures.Any(s => key.Verify(pae, s.Signature.Span));
    }

    public JsonObject ToJson()
    {
        var signatures = new JsonArray();
        foreach (var signature in Signatures)
        {
            var item = new JsonObject { ["sig"] = Convert.ToBase64String(signature.Signature.Span) };
            if (signature.KeyId is { Length: > 0 } keyId)
                item["keyid"] = keyId;
            signatures.Add(item);
        }

        return new JsonObject
        {
            ["payload"] = Convert.ToBase64String(Payload.Span),
            ["payloadType"] = PayloadType,
            ["signatures"] = signatures,
        };
    }

    /// <exception cref="FormatException">The JSON is not a DSSE envelope.</exception>
    public static DsseEnvelope FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new FormatException("a DSSE envelope must be a JSON object");
        var payload = Json.RequiredBase64(json, "payload");
        var type = Json.RequiredString(json, "payloadType");
        if (!json.TryGetProperty("signatures", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new FormatException("a DSSE envelope needs at least one signature");
        var signatures = new List<DsseSignature>();
        foreach (var item in list.EnumerateArray())
        {
            var keyId = item.TryGetProperty("keyid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            signatures.Add(new DsseSignature(Json.RequiredBase64(item, "sig"), keyId));
        }

        return new DsseEnvelope(type, payload, signatures);
    }
}
