namespace Rampart.Security.Identity;

/// <summary>Unpadded base64url (RFC 4648 §5), the encoding of every JWS part.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);
}
