namespace Rampart.Security.Vault;

/// <summary>
/// One version of a secret as stored: the value encrypted with its own AES-256-GCM data key, and
/// that data key wrapped (AES-256-GCM) by the key-encryption key named in <see cref="Kek"/>.
/// Byte fields are base64. Name, scope, version and creation time are the associated data of both
/// encryptions, so a sealed value cannot be moved to another name, scope or version unnoticed.
/// </summary>
internal sealed record SealedVersion(int Version, DateTimeOffset Created, string Kek, string WrappedKey, string Nonce, string Ciphertext, string Tag);
