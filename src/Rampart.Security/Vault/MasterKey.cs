using System.Security.Cryptography;
using System.Text;

namespace Rampart.Security.Vault;

/// <summary>
/// The vault's root key (32 random bytes) and the key-encryption key derived from it with HKDF.
/// Data keys are wrapped with the KEK; the master key itself is never written beside the data.
/// </summary>
public sealed class MasterKey
{
    public const int Size = 32;
    private static readonly byte[] KekInfo = Encoding.ASCII.GetBytes("rampart vault kek v1");
    private static readonly byte[] IdInfo = Encoding.ASCII.GetBytes("rampart vault kek id v1");

    private MasterKey(byte[] kek, string id)
    {
        Kek = kek;
        Id = id;
    }

    /// <summary>Short public identifier of the KEK, recorded beside each wrapped data key.</summary>
    public string Id { get; }

    internal byte[] Kek { get; }

    public static MasterKey FromBytes(ReadOnlySpan<byte> master)
    {
        if (master.Length != Size)
            throw new VaultException($"a master key must be {Size} bytes (base64 of {Size} random bytes), not {master.Length}");
        var kek = HKDF.DeriveKey(HashAlgorithmName.SHA256, master.ToArray(), Size, salt: [], info: KekInfo);
        var id = HKDF.DeriveKey(HashAlgorithmName.SHA256, master.ToArray(), 8, salt: [], info: IdInfo);
        return new MasterKey(kek, Convert.ToHexStringLower(id));
    }

    /// <summary>Parses the text form: base64 of 32 bytes, surrounding white space ignored.</summary>
    public static MasterKey Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new VaultException($"{origin}: the master key is not base64 (expected base64 of {Size} random bytes)");
        }

        try
        {
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A fresh master key in its text form.</summary>
    public static string GenerateText()
    {
        var bytes = RandomNumberGenerator.GetBytes(Size);
        try
        {
            return Convert.ToBase64String(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
