using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rampart.Core.Secrets.Storage;

namespace Rampart.Security.Vault;

/// <summary>
/// Envelope encryption: a fresh 256-bit data key and nonce per sealed version, the value encrypted
/// with AES-256-GCM under the data key, the data key wrapped with AES-256-GCM under the KEK.
/// </summary>
internal static class Envelope
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    public static SealedSecretVersion Seal(string name, VaultScope scope, int version, DateTimeOffset created, MasterKey kek, string value)
    {
        var aad = AssociatedData(name, scope, version, created);
        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        var plaintext = Encoding.UTF8.GetBytes(value);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using (var aes = new AesGcm(dataKey, TagSize))
                aes.Encrypt(nonce, plaintext, ciphertext, tag, aad);
            return new SealedSecretVersion(version, created, kek.Id, Wrap(dataKey, kek, aad), Convert.ToBase64String(nonce),
                Convert.ToBase64String(ciphertext), Convert.ToBase64String(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Throws <see cref="CryptographicException"/> when any byte or any bound field was changed.</summary>
    public static string Open(string name, VaultScope scope, SealedSecretVersion sealedVersion, MasterKey kek)
    {
        var aad = AssociatedData(name, scope, sealedVersion.Version, sealedVersion.Created);
        var dataKey = Unwrap(sealedVersion.WrappedKey, kek, aad);
        try
        {
            var ciphertext = Convert.FromBase64String(sealedVersion.Ciphertext);
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(dataKey, TagSize))
                aes.Decrypt(Convert.FromBase64String(sealedVersion.Nonce), ciphertext, Convert.FromBase64String(sealedVersion.Tag), plaintext, aad);
            try
            {
                return Encoding.UTF8.GetString(plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The same sealed value with its data key wrapped under <paramref name="to"/> (master key rotation).</summary>
    public static SealedSecretVersion Rewrap(string name, VaultScope scope, SealedSecretVersion sealedVersion, MasterKey from, MasterKey to)
    {
        var aad = AssociatedData(name, scope, sealedVersion.Version, sealedVersion.Created);
        var dataKey = Unwrap(sealedVersion.WrappedKey, from, aad);
        try
        {
            return sealedVersion with { Kek = to.Id, WrappedKey = Wrap(dataKey, to, aad) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static string Wrap(byte[] dataKey, MasterKey kek, byte[] aad)
    {
        var wrapped = new byte[NonceSize + KeySize + TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(kek.Kek, TagSize);
        aes.Encrypt(wrapped.AsSpan(0, NonceSize), dataKey, wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), aad);
        return Convert.ToBase64String(wrapped);
    }

    private static byte[] Unwrap(string wrappedText, MasterKey kek, byte[] aad)
    {
        var wrapped = Convert.FromBase64String(wrappedText);
        if (wrapped.Length != NonceSize + KeySize + TagSize)
            throw new CryptographicException("the wrapped data key has the wrong length");
        var dataKey = new byte[KeySize];
        using var aes = new AesGcm(kek.Kek, TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), dataKey, aad);
        return dataKey;
    }

    private static byte[] AssociatedData(string name, VaultScope scope, int version, DateTimeOffset created) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new[] { "rampart-vault/1", name, scope.Repository, scope.Environment, scope.Branch, version.ToString(System.Globalization.CultureInfo.InvariantCulture), created.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            VaultJson.Default.StringArray);
}
