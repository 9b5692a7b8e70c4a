using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Security.Ledger.Notes;

/// <summary>The pieces of the signed-note key encodings shared by signers and verifiers.</summary>
internal static class NoteKeyFormat
{
    public const byte Ed25519Algorithm = 0x01;

    /// <summary>A key name: non-empty UTF-8 with no white space and no '+'.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Contains('+', StringComparison.Ordinal))
            return false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune == Rune.ReplacementChar)
                return false;
        }

        return true;
    }

    /// <summary>First four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ algorithm ‖ public key).</summary>
    public static uint KeyHash(string name, ReadOnlySpan<byte> algorithmAndKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 1 + algorithmAndKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        algorithmAndKey.CopyTo(input.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>Parses exactly eight lower-case hex digits.</summary>
    public static bool TryParseHash(string text, out uint hash)
    {
        hash = 0;
        if (text.Length != 8)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is < 'a' or > 'f')
                return false;
        }

        return uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    /// <summary>Strict standard base64 (padding required, no white space).</summary>
    public static byte[]? DecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
            return null;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '='))
                return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(text);
            // Reject encodings whose unused low bits are set, so each value has one spelling.
            return Convert.ToBase64String(bytes) == text ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
