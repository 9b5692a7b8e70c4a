using System.Security.Cryptography;
using System.Text;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>crypto.* digests and HMACs (hex output), and constant-time crypto.hmac.equal.</summary>
internal static class CryptoBuiltins
{
    public static void Register(Action<Builtin> add)
    {
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are Rego built-ins policies call for compatibility checks, not used for security here.
        add(new("crypto.md5", 1, (_, a) => Hex(MD5.HashData(Bytes(a, 0)))));
        add(new("crypto.sha1", 1, (_, a) => Hex(SHA1.HashData(Bytes(a, 0)))));
        add(new("crypto.hmac.md5", 2, (_, a) => Hex(HMACMD5.HashData(Bytes(a, 1), Bytes(a, 0)))));
        add(new("crypto.hmac.sha1", 2, (_, a) => Hex(HMACSHA1.HashData(Bytes(a, 1), Bytes(a, 0)))));
#pragma warning restore CA5350, CA5351
        add(new("crypto.sha256", 1, (_, a) => Hex(SHA256.HashData(Bytes(a, 0)))));
        add(new("crypto.sha512", 1, (_, a) => Hex(SHA512.HashData(Bytes(a, 0)))));
        add(new("crypto.hmac.sha256", 2, (_, a) => Hex(HMACSHA256.HashData(Bytes(a, 1), Bytes(a, 0)))));
        add(new("crypto.hmac.sha512", 2, (_, a) => Hex(HMACSHA512.HashData(Bytes(a, 1), Bytes(a, 0)))));
        add(new("crypto.hmac.equal", 2, (_, a) => B(CryptographicOperations.FixedTimeEquals(Bytes(a, 0), Bytes(a, 1)))));
    }

    private static byte[] Bytes(Value[] a, int i) => Encoding.UTF8.GetBytes(Str(a, i));

    private static StringValue Hex(byte[] b) => S(Convert.ToHexStringLower(b));
}
