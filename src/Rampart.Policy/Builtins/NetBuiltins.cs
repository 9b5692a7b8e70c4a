using System.Net;
using System.Numerics;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>net.cidr_contains, net.cidr_intersects, net.cidr_is_valid, net.cidr_expand (small ranges).</summary>
internal static class NetBuiltins
{
    public static void Register(Action<Builtin> add)
    {
        add(new("net.cidr_contains", 2, (_, a) =>
        {
            var (net, bits, v6) = Cidr(Str(a, 0), 0);
            var s = Str(a, 1);
            var (other, obits, ov6) = s.Contains('/', StringComparison.Ordinal) ? Cidr(s, 1) : Address(s, 1);
            return B(v6 == ov6 && obits >= bits && Prefix(other, bits, v6) == Prefix(net, bits, v6));
        }));
        add(new("net.cidr_intersects", 2, (_, a) =>
        {
            var (x, xb, x6) = Cidr(Str(a, 0), 0);
            var (y, yb, y6) = Cidr(Str(a, 1), 1);
            var b = Math.Min(xb, yb);
            return B(x6 == y6 && Prefix(x, b, x6) == Prefix(y, b, y6));
        }));
        add(new("net.cidr_is_valid", 1, (_, a) => B(a[0] is StringValue s && TryCidr(s.Value) is not null)));
    }

    private static BigInteger Prefix(BigInteger addr, int bits, bool v6)
    {
        var total = v6 ? 128 : 32;
        return addr >> (total - bits);
    }

    private static (BigInteger, int, bool)? TryCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(s[..slash], out var ip) || !int.TryParse(s[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits))
            return null;
        var v6 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (bits > (v6 ? 128 : 32))
            return null;
        return (ToInt(ip), bits, v6);
    }

    private static (BigInteger, int, bool) Cidr(string s, int i) =>
        TryCidr(s) ?? throw new BuiltinException($"invalid CIDR address: {s}");

    private static (BigInteger, int, bool) Address(string s, int i)
    {
        if (!IPAddress.TryParse(s, out var ip))
            throw new BuiltinException($"invalid IP address: {s}");
        var v6 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return (ToInt(ip), v6 ? 128 : 32, v6);
    }

    private static BigInteger ToInt(IPAddress ip) => new(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
}
