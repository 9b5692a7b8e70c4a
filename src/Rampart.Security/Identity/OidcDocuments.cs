using System.Text.Json;

namespace Rampart.Security.Identity;

/// <summary>The two public documents of the issuer: OpenID discovery and the JWKS.</summary>
public static class OidcDocuments
{
    public static byte[] Discovery(IssuerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("issuer", settings.Issuer);
            json.WriteString("jwks_uri", settings.JwksUri);
            WriteArray(json, "response_types_supported", ["id_token"]);
            WriteArray(json, "subject_types_supported", ["public"]);
            WriteArray(json, "id_token_signing_alg_values_supported", [settings.Algorithm.ToString()]);
            WriteArray(json, "scopes_supported", ["openid"]);
            WriteArray(json, "claims_supported", TokenClaims.Supported);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Jwks(IEnumerable<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in keys)
            {
                json.WriteStartObject();
                foreach (var (name, value) in key.PublicJwk())
                    json.WriteString(name, value);
                json.WriteString("kid", key.KeyId);
                json.WriteString("use", "sig");
                json.WriteString("alg", key.Algorithm.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
