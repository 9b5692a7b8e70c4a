using System.Collections.Concurrent;
using Rampart.Core.Service;

namespace Rampart.Server.Access;

/// <summary>
/// Turns a bearer token into a <see cref="Caller"/>: shape check, lookup by hash, a constant-time
/// comparison of the stored hash, then revocation, expiry and the user's disabled flag. Records when
/// a token was last used, at most once a minute per token so busy clients do not write on every call.
/// </summary>
public sealed class TokenAuthenticator(ServiceDatabase database, TimeProvider time)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _touched = new();

    /// <summary>The caller, or null and the reason (<c>malformed</c>, <c>unknown</c>, <c>revoked</c>, <c>expired</c>, <c>disabled</c>).</summary>
    public async Task<(Caller? Caller, string? Failure)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!ApiTokens.IsWellFormed(token))
            return (null, "malformed");
        var hash = ApiTokens.HashOf(token);
        var record = await database.Access.FindTokenAsync(hash, cancellationToken).ConfigureAwait(false);
        if (record is null || !ApiTokens.HashesEqual(record.Hash, hash))
            return (null, "unknown");
        if (record.Revoked)
            return (null, "revoked");
        var now = time.GetUtcNow();
        if (record.ExpiresAt is { } expires && now >= expires)
            return (null, "expired");
        var user = await database.Access.GetUserAsync(record.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
            return (null, "unknown");
        if (user.Disabled)
            return (null, "disabled");
        var roles = await database.Access.ListRolesAsync(user.Id, cancellationToken).ConfigureAwait(false);
        await TouchAsync(record, now, cancellationToken).ConfigureAwait(false);
        return (new Caller(user, record.Id, roles), null);
    }

    private async Task TouchAsync(ApiTokenRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = record.LastUsedAt ?? DateTimeOffset.MinValue;
        if (_touched.TryGetValue(record.Id, out var local) && local > last)
            last = local;
        if (now - last < TouchInterval)
            return;
        _touched[record.Id] = now;
        await database.Access.TouchTokenAsync(record.Id, now, cancellationToken).ConfigureAwait(false);
    }
}
