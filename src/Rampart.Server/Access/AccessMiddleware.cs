using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Rampart.Server.Metrics;

namespace Rampart.Server.Access;

/// <summary>
/// Authenticates user tokens on <c>/api/</c> (runners authenticate on <c>/api/v1/runner/</c> with
/// their own credential; webhooks under <c>/hooks/</c> carry signatures). A request without an
/// <c>Authorization</c> header goes on anonymous and each endpoint decides; a request with a bad one
/// is refused here with 401 and counted against its client address.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next, TokenAuthenticator authenticator, AuthFailureLimiter limiter, ServerMetrics metrics)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Applies(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var client = context.Connection.RemoteIpAddress;
        if (limiter.RetryAfter(client) is { } wait)
        {
            metrics.RecordAuthFailure("rate_limited");
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await AccessErrors.Error(StatusCodes.Status429TooManyRequests, "too many failed authentications from this address; retry later")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var value = header.Count == 1 ? header[0] : null;
        var (caller, failure) = value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? await authenticator.AuthenticateAsync(value[BearerPrefix.Length..].Trim(), context.RequestAborted).ConfigureAwait(false)
            : (null, "malformed");
        if (caller is null)
        {
            limiter.RecordFailure(client);
            metrics.RecordAuthFailure(failure ?? "unknown");
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"rampart\", error=\"invalid_token\"";
            await AccessErrors.Error(StatusCodes.Status401Unauthorized, "invalid token: unknown, revoked or expired, or its user is disabled")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.SetCaller(caller);
        await next(context).ConfigureAwait(false);
    }

    internal static bool Applies(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/v1/runner", StringComparison.OrdinalIgnoreCase);
}
