using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Security.Signing.Keys;

/// <summary>
/// The encrypted private key file (<c>signing.key</c>): JSON holding the PKCS#8 key sealed with
/// AES-256-GCM. The format name, KDF and public key are bound in as associated data, so editing any
/// of them (say, to pair the ciphertext with another public key) makes the file fail to open.
/// </summary>
public static class KeyFile
{
    public const string Format = "rampart-signing-key/v1";
    public const string PrivateKeyName = "signing.key";
    public const string PublicKeyName = "signing.pub";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Generates a P-256 key and writes <c>signing.key</c> (0600) and <c>signing.pub</c> into the folder.</summary>
    /// <returns>The public key in PEM.</returns>
    public static string Generate(string directory, KeyProtection protection, int iterations = KeyProtection.DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, PrivateKeyName);
        var publicPath = Path.Combine(directory, PublicKeyName);
        if (File.Exists(privatePath) || File.Exists(publicPath))
            throw new SigningKeyException($"{directory}: a signing key is already there; remove it first or pick another folder");
        using var signer = EcdsaSigner.Generate();
        Write(privatePath, signer, protection, iterations);
        var pem = VerificationKey.ToPem(signer.PublicKeySpki.Span);
        File.WriteAllText(publicPath, pem);
        return pem;
    }

    public static void Write(string path, EcdsaSigner signer, KeyProtection protection, int iterations = KeyProtection.DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(protection);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var publicKey = Convert.ToBase64String(signer.PublicKeySpki.Span);
        var plain = signer.ExportPkcs8();
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var key = protection.DeriveKey(salt, iterations);
        try
        {
            using var aes = new AesGcm(key, tag.Length);
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(protection.Kdf, iterations, publicKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(key);
        }

        var json = new JsonObject
        {
            ["format"] = Format,
            ["publicKey"] = publicKey,
            ["kdf"] = new JsonObject { ["name"] = protection.Kdf, ["iterations"] = iterations, ["salt"] = Convert.ToBase64String(salt) },
            ["cipher"] = "aes-256-gcm",
            ["nonce"] = Convert.ToBase64String(nonce),
            ["ciphertext"] = Convert.ToBase64String(cipher),
            ["tag"] = Convert.ToBase64String(tag),
        };
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    /// <summary>Decrypts a key file. A wrong passphrase or an edited file gives a <see cref="SigningKeyException"/>.</summary>
    public static EcdsaSigner Open(string path, KeyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(protection);
        if (!File.Exists(path))
            throw new SigningKeyException($"{path}: no key file");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new SigningKeyException($"{path}: not a Rampart key file");
        }
        catch (JsonException e)
        {
            throw new SigningKeyException($"{path}: not a Rampart key file ({e.Message})", e);
        }

        try
        {
            if ((string?)json["format"] != Format || (string?)json["cipher"] != "aes-256-gcm")
                throw new SigningKeyException($"{path}: not a {Format} key file");
            var kdf = Field(json, "kdf").AsObject();
            var kdfName = (string)Field(kdf, "name")!;
            if (kdfName != protection.Kdf)
                throw new SigningKeyException($"{path}: this key is protected by {(kdfName == KeyProtection.Pbkdf2 ? "a passphrase" : "a master key file")}");
            var iterations = (int)Field(kdf, "iterations");
            if (kdfName == KeyProtection.Pbkdf2 && iterations < 100_000)
                throw new SigningKeyException($"{path}: too few key-derivation iterations ({iterations})");
            var publicKey = (string)Field(json, "publicKey")!;
            var cipher = Convert.FromBase64String((string)Field(json, "ciphertext")!);
            var plain = new byte[cipher.Length];
            var key = protection.DeriveKey(Convert.FromBase64String((string)Field(kdf, "salt")!), iterations);
            try
            {
                var tag = Convert.FromBase64String((string)Field(json, "tag")!);
                using var aes = new AesGcm(key, tag.Length);
                aes.Decrypt(Convert.FromBase64String((string)Field(json, "nonce")!), cipher, tag, plain, AssociatedData(kdfName, iterations, publicKey));
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(plain, out _);
                var signer = new EcdsaSigner(ecdsa);
                if (Convert.ToBase64String(signer.PublicKeySpki.Span) != publicKey)
                {
                    signer.Dispose();
                    throw new SigningKeyException($"{path}: the private key does not match the recorded public key");
                }

                return signer;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
                CryptographicOperations.ZeroMemory(key);
            }
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new SigningKeyException($"{path}: wrong passphrase or master key, or the key file was altered", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or CryptographicException or ArgumentException)
        {
            throw new SigningKeyException($"{path}: damaged key file ({e.Message})", e);
        }
    }

    private static JsonNode Field(JsonObject json, string name) =>
        json[name] ?? throw new KeyNotFoundException($"no '{name}' field");

    private static byte[] AssociatedData(string kdf, int iterations, string publicKey) =>
        Encoding.UTF8.GetBytes($"{Format}\n{kdf}\n{iterations}\n{publicKey}");
}
