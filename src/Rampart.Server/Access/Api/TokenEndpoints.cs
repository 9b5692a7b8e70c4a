using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Access.Api;

/// <summary>
/// <c>/api/v1/users/{name}/tokens</c>: a user manages their own tokens (<c>me</c> names the caller);
/// anyone else's need ManageUsers on every repository. The token itself is in the creation response
/// only.
/// </summary>
internal static class TokenEndpoints
{
    public const int DefaultExpiryDays = 90;
    public const int MaxExpiryDays = 3650;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/users/{name}/tokens", Create);
        api.MapGet("/users/{name}/tokens", List);
        api.MapDelete("/users/{name}/tokens/{id:long}", Revoke);
    }

    private static async Task<IResult> Create(HttpContext context, string name, CreateTokenRequest? body, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        var (user, refusal) = await OwnerAsync(context, name, database, ct).ConfigureAwait(false);
        if (user is null)
            return refusal!;
        var tokenName = string.IsNullOrWhiteSpace(body?.Name) ? "token" : body.Name.Trim();
        if (tokenName.Length > 100 || tokenName.Any(char.IsControl))
            return AccessErrors.BadRequest("token name: at most 100 characters, no control characters");
        var days = body?.ExpiresInDays ?? DefaultExpiryDays;
        if (days is < 1 or > MaxExpiryDays)
            return AccessErrors.BadRequest($"expiresInDays: a whole number from 1 to {MaxExpiryDays}");

        var now = wiring.Time.GetUtcNow();
        var issued = ApiTokens.Create();
        var stored = await database.Access.AddTokenAsync(
            new ApiTokenRecord { UserId = user.Id, Name = tokenName, Hash = issued.Hash, Prefix = issued.Prefix, CreatedAt = now, ExpiresAt = now.AddDays(days) }, ct).ConfigureAwait(false);
        await AccessAudit.RecordAsync(wiring.Audit, context.GetCaller()!.Name, user.Name, "token.created", ct,
            ("token_id", stored.Id.ToString(CultureInfo.InvariantCulture)), ("token_name", tokenName),
            ("expires_at", stored.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new CreatedTokenView(stored.Id, stored.Name, stored.Prefix, issued.Token, stored.CreatedAt, stored.ExpiresAt), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(HttpContext context, string name, ServiceDatabase database, CancellationToken ct)
    {
        var (user, refusal) = await OwnerAsync(context, name, database, ct).ConfigureAwait(false);
        if (user is null)
            return refusal!;
        var tokens = await database.Access.ListTokensAsync(user.Id, ct).ConfigureAwait(false);
        return Results.Json(tokens.Select(TokenView.Of).ToList());
    }

    private static async Task<IResult> Revoke(HttpContext context, string name, long id, ServiceDatabase database, ServerWiring wiring, CancellationToken ct)
    {
        var (user, refusal) = await OwnerAsync(context, name, database, ct).ConfigureAwait(false);
        if (user is null)
            return refusal!;
        var token = (await database.Access.ListTokensAsync(user.Id, ct).ConfigureAwait(false)).FirstOrDefault(t => t.Id == id);
        if (token is null || !await database.Access.RevokeTokenAsync(user.Id, id, ct).ConfigureAwait(false))
            return AccessErrors.NotFound($"user '{user.Name}' has no token {id}");
        if (!token.Revoked)
        {
            await AccessAudit.RecordAsync(wiring.Audit, context.GetCaller()!.Name, user.Name, "token.revoked", ct,
                ("token_id", id.ToString(CultureInfo.InvariantCulture)), ("token_name", token.Name)).ConfigureAwait(false);
        }

        return Results.NoContent();
    }

    /// <summary>The user whose tokens are asked for, when the caller may manage them; else the refusal.</summary>
    private static async Task<(UserRecord? User, IResult? Refusal)> OwnerAsync(HttpContext context, string name, ServiceDatabase database, CancellationToken ct)
    {
        if (context.GetCaller() is not { } caller)
            return (null, AccessErrors.Unauthorized());
        if (name == AccessNames.Me || string.Equals(name, caller.Name, StringComparison.Ordinal))
            return (caller.User, null);
        if (AccessCheck.Deny(context, Permission.ManageUsers, null) is { } denied)
            return (null, denied);
        var user = await database.Access.FindUserAsync(name, ct).ConfigureAwait(false);
        return user is null ? (null, AccessErrors.NotFound($"user '{name}': no such user")) : (user, null);
    }
}
