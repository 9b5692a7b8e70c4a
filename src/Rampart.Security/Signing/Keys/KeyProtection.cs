using System.Security.Cryptography;
using System.Text;

namespace Rampart.Security.Signing.Keys;

/// <summary>
/// What unlocks a key file: a passphrase (PBKDF2-HMAC-SHA256, 600,000 iterations) or a 32-byte
/// master key file (HKDF-SHA256). Either derives the AES-256-GCM key that encrypts the private key.
/// </summary>
public sealed class KeyProtection
{
    internal const string Pbkdf2 = "pbkdf2-sha256";
    internal const string Hkdf = "hkdf-sha256";
    internal const int DefaultIterations = 600_000;
    private const int MasterKeyLength = 32;

    private readonly byte[] _secret;

    private KeyProtection(string kdf, byte[] secret)
    {
        Kdf = kdf;
        _secret = secret;
    }

    internal string Kdf { get; }

    public static KeyProtection Passphrase(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length == 0)
            throw new SigningKeyException("the passphrase is empty");
        return new KeyProtection(Pbkdf2, Encoding.UTF8.GetBytes(passphrase));
    }

    public static KeyProtection MasterKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != MasterKeyLength)
            throw new SigningKeyException($"a master key is {MasterKeyLength} bytes; this one has {key.Length}");
        return new KeyProtection(Hkdf, key.ToArray());
    }

    /// <summary>Reads a master key file; refuses one that other users could read (like ssh does).</summary>
    public static KeyProtection MasterKeyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new SigningKeyException($"{path}: no master key file");
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new SigningKeyException($"{path}: master key file is readable by other users (chmod 600 it)");
        return MasterKey(File.ReadAllBytes(path));
    }

    /// <summary>Writes a new random master key file, readable by its owner only.</summary>
    public static void CreateMasterKeyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var stream = new FileStream(path, options);
        stream.Write(RandomNumberGenerator.GetBytes(MasterKeyLength));
    }

    internal byte[] DeriveKey(byte[] salt, int iterations) => Kdf == Pbkdf2
        ? Rfc2898DeriveBytes.Pbkdf2(_secret, salt, iterations, HashAlgorithmName.SHA256, 32)
        : HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, salt, "rampart signing key v1"u8.ToArray());
}
