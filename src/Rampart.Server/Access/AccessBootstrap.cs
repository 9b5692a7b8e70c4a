using Rampart.Core.Audit;
using Rampart.Core.Service;

namespace Rampart.Server.Access;

/// <summary>The first administrator, made at the first start of a server with no users.</summary>
public static class AccessBootstrap
{
    public const string Actor = "bootstrap";
    public const string TokenName = "bootstrap";

    /// <summary>
    /// When no user exists, creates <paramref name="adminName"/> as an admin with one token that does
    /// not expire and returns that token, to be shown once; otherwise (or when another replica won the
    /// race) returns null. Both changes go to the ledger.
    /// </summary>
    public static async Task<string?> EnsureAdminAsync(IAccessStore store, IAuditTrail audit, string adminName, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        if (!AccessNames.IsValidUser(adminName))
            throw new ArgumentException($"admin name '{adminName}' is not valid: {AccessNames.UserRule}", nameof(adminName));
        var existing = await store.ListUsersAsync(ct).ConfigureAwait(false);
        if (existing.Count > 0)
            return null;

        var now = time.GetUtcNow();
        UserRecord admin;
        try
        {
            admin = await store.CreateUserAsync(new UserRecord { Name = adminName, IsAdmin = true, CreatedAt = now }, ct).ConfigureAwait(false);
        }
        catch (ServiceStoreConflictException)
        {
            return null;
        }

        await AccessAudit.RecordAsync(audit, Actor, admin.Name, "user.created", ct, ("admin", "true")).ConfigureAwait(false);
        var issued = ApiTokens.Create();
        var token = await store.AddTokenAsync(new ApiTokenRecord { UserId = admin.Id, Name = TokenName, Hash = issued.Hash, Prefix = issued.Prefix, CreatedAt = now }, ct)
            .ConfigureAwait(false);
        await AccessAudit.RecordAsync(audit, Actor, admin.Name, "token.created", ct, ("token_id", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("token_name", TokenName))
            .ConfigureAwait(false);
        return issued.Token;
    }
}
