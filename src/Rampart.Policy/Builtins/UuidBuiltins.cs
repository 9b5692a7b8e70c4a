using System.Buffers.Binary;
using System.Globalization;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>
/// <c>uuid.parse</c>: the fields of an RFC 4122 / RFC 9562 UUID as OPA reports them (version and
/// variant; time, clock sequence and node for versions 1 and 2; domain and id for version 2; time for
/// versions 6 and 7). Text that is not a UUID gives undefined, as in OPA.
/// </summary>
internal static class UuidBuiltins
{
    /// <summary>100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch.</summary>
    private const long GregorianOffset = 0x01B21DD213814000;

    public static void Register(Action<Builtin> add) =>
        add(new("uuid.parse", 1, (_, a) => TryParse(Str(a, 0), out var bytes) ? Describe(bytes) : null));

    /// <summary>The forms Go's uuid.Parse accepts: 8-4-4-4-12, with <c>urn:uuid:</c> or braces around it, or 32 hex digits.</summary>
    internal static bool TryParse(string s, out byte[] bytes)
    {
        bytes = new byte[16];
        if (s.Length == 45 && s.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
            s = s[9..];
        else if (s.Length == 38 && s[0] == '{' && s[^1] == '}')
            s = s[1..^1];
        string hex;
        if (s.Length == 36)
        {
            if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
                return false;
            hex = s.Replace("-", "", StringComparison.Ordinal);
        }
        else if (s.Length == 32)
        {
            hex = s;
        }
        else
        {
            return false;
        }

        if (hex.Length != 32)
            return false;
        for (var i = 0; i < 16; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        }

        return true;
    }

    private static ObjectValue Describe(byte[] b)
    {
        var version = b[6] >> 4;
        var fields = new Dictionary<Value, Value>
        {
            [S("version")] = NumberValue.Of(version),
            [S("variant")] = S(Variant(b[8])),
        };
        if (version is 1 or 2)
        {
            var low = (long)BinaryPrimitives.ReadUInt32BigEndian(b);
            var mid = (long)BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(4));
            var high = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(6)) & 0x0fffL;
            fields[S("time")] = UnixNanos(low | (mid << 32) | (high << 48));
            fields[S("clocksequence")] = NumberValue.Of(((b[8] & 0x3f) << 8) | b[9]);
            fields[S("nodeid")] = S(string.Join('-', b[10..].Select(x => x.ToString("x2", CultureInfo.InvariantCulture))));
            fields[S("macvariables")] = S(((b[10] & 0x02) != 0 ? "local" : "global") + ":" + ((b[10] & 0x01) != 0 ? "multicast" : "unicast"));
        }

        if (version == 2)
        {
            fields[S("domain")] = S(b[9] switch { 0 => "Person", 1 => "Group", 2 => "Org", var d => "Domain" + d.ToString(CultureInfo.InvariantCulture) });
            fields[S("id")] = NumberValue.Of((long)BinaryPrimitives.ReadUInt32BigEndian(b));
        }

        if (version == 6)
        {
            var high = (long)BinaryPrimitives.ReadUInt32BigEndian(b);
            var mid = (long)BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(4));
            var low = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(6)) & 0x0fffL;
            fields[S("time")] = UnixNanos((high << 28) | (mid << 12) | low);
        }

        if (version == 7)
        {
            var millis = (long)(BinaryPrimitives.ReadUInt64BigEndian(b) >> 16);
            fields[S("time")] = NumberValue.Of(new System.Numerics.BigInteger(millis) * 1_000_000);
        }

        return ObjectValue.Wrap(fields);
    }

    private static NumberValue UnixNanos(long gregorian100ns) =>
        NumberValue.Of((new System.Numerics.BigInteger(gregorian100ns) - GregorianOffset) * 100);

    private static string Variant(byte b) => b switch
    {
        < 0x80 => "Reserved",
        < 0xc0 => "RFC4122",
        < 0xe0 => "Microsoft",
        _ => "Future",
    };
}
