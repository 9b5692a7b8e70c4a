namespace Rampart.Core.Secrets.Storage;

/// <summary>
/// One version of a secret exactly as the vault sealed it: the value encrypted under its own data key,
/// the data key wrapped by the key-encryption key <see cref="Kek"/>; byte fields are base64. A storage
/// keeps these fields as they are: it never sees a value nor a key that could open one.
/// </summary>
public sealed record SealedSecretVersion(int Version, DateTimeOffset Created, string Kek, string WrappedKey, string Nonce, string Ciphertext, string Tag);
