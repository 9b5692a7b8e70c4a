using System.Net;
using System.Net.Sockets;
using Rampart.Server.Hosting;

namespace Rampart.Server.Access;

/// <summary>
/// Counts failed authentications per client address in fixed one-minute windows. Once a client has
/// failed <see cref="ServerOptions.AuthFailuresPerMinute"/> times in a window, every authentication it
/// attempts is refused, even with a valid credential, until that window ends: guessing tokens then
/// costs a minute per few tries. IPv6 clients are counted per /64, the block one host usually holds.
/// Counts live in this process (each replica limits on its own).
/// </summary>
public sealed class AuthFailureLimiter(ServerOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int SweepAbove = 10_000;

    private readonly Dictionary<string, (DateTimeOffset Start, int Failures)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How long the client must wait, or null when it may try to authenticate.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var key = KeyOf(client);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_clients.TryGetValue(key, out var entry) && now < entry.Start + Window && entry.Failures >= options.AuthFailuresPerMinute)
                return entry.Start + Window - now;
            return null;
        }
    }

    public void RecordFailure(IPAddress? client)
    {
        var key = KeyOf(client);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_clients.Count > SweepAbove)
                Sweep(now);
            _clients[key] = _clients.TryGetValue(key, out var entry) && now < entry.Start + Window
                ? (entry.Start, entry.Failures + 1)
                : (now, 1);
        }
    }

    internal static string KeyOf(IPAddress? client)
    {
        if (client is null)
            return "unknown";
        if (client.IsIPv4MappedToIPv6)
            client = client.MapToIPv4();
        if (client.AddressFamily != AddressFamily.InterNetworkV6)
            return client.ToString();
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in _clients.Where(c => now >= c.Value.Start + Window).Select(c => c.Key).ToList())
            _clients.Remove(key);
    }
}
