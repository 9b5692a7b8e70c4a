using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Rampart.Core.Service;

namespace Rampart.Server.WebUi.Sessions;

/// <summary>
/// Signed-in sessions as data-protection-encrypted tickets (authenticated encryption, keys in the
/// state folder): user id, issue time and a stamp of the user's password hash. A ticket stops working
/// when it is older than <see cref="Lifetime"/>, when the password changes (the stamp no longer
/// matches: changing the password signs out every browser) or when the user is disabled.
/// </summary>
public sealed class SessionTickets(IDataProtectionProvider provider, TimeProvider time)
{
    public const string CookieName = "rampart_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _protector = provider.CreateProtector("Rampart.WebUi.Session.v1");

    public string Issue(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var payload = new byte[16 + StampBytes];
        BinaryPrimitives.WriteInt64LittleEndian(payload, user.Id);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), time.GetUtcNow().ToUnixTimeSeconds());
        Stamp(user).CopyTo(payload.AsSpan(16));
        return Convert.ToBase64String(_protector.Protect(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The user id of a ticket that decrypts and has not expired, or null.</summary>
    public (long UserId, byte[] Stamp)? Read(string? cookie)
    {
        if (cookie is null || cookie.Length is 0 or > 2048)
            return null;
        try
        {
            var text = cookie.Replace('-', '+').Replace('_', '/');
            var payload = _protector.Unprotect(Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=')));
            if (payload.Length != 16 + StampBytes)
                return null;
            var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(8)));
            var now = time.GetUtcNow();
            if (issued > now + TimeSpan.FromMinutes(5) || now - issued > Lifetime)
                return null;
            return (BinaryPrimitives.ReadInt64LittleEndian(payload), payload[16..]);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the stamp in a ticket is the user's current one (constant-time).</summary>
    public static bool StampMatches(UserRecord user, byte[] stamp) => CryptographicOperations.FixedTimeEquals(Stamp(user), stamp);

    private const int StampBytes = 16;

    private static byte[] Stamp(UserRecord user) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("rampart-session:" + (user.PasswordHash ?? "")))[..StampBytes];
}
