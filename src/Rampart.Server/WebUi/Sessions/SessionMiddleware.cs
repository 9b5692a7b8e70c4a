using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Rampart.Core.Service;
using Rampart.Server.Access;

namespace Rampart.Server.WebUi.Sessions;

/// <summary>
/// Signs in browser requests from their session cookie (bearer tokens on <c>/api/</c> take precedence
/// and are handled before this), and refuses every state-changing request that a browser could be
/// tricked into sending without a valid anti-forgery token: every unsafe request to the UI, and every
/// unsafe API request authenticated by the cookie. Runner and webhook routes carry their own credentials.
/// </summary>
internal sealed class SessionMiddleware(RequestDelegate next, SessionTickets tickets, ServiceDatabase database, IAntiforgery antiforgery)
{
    private static readonly object SessionKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/api/v1/runner", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/hooks", StringComparison.OrdinalIgnoreCase);
        var api = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (!exempt && context.GetCaller() is null && context.Request.Headers.Authorization.Count == 0
            && context.Request.Cookies[SessionTickets.CookieName] is { } cookie)
        {
            await SignInAsync(context, cookie).ConfigureAwait(false);
        }

        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        if (unsafeMethod && !exempt && (!api || IsSession(context)))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                if (api)
                    await context.Response.WriteAsJsonAsync(new { error = "missing or invalid anti-forgery token" }).ConfigureAwait(false);
                else
                    await Layout.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The form has expired or did not come from this site. Go back, reload the page and try again.").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    public static bool IsSession(HttpContext context) => context.Items.ContainsKey(SessionKey);

    private async Task SignInAsync(HttpContext context, string cookie)
    {
        if (tickets.Read(cookie) is not var (userId, stamp))
            return;
        var user = await database.Access.GetUserAsync(userId, context.RequestAborted).ConfigureAwait(false);
        if (user is null || user.Disabled || user.PasswordHash is null || !SessionTickets.StampMatches(user, stamp))
            return;
        var roles = await database.Access.ListRolesAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        context.SetCaller(new Caller(user, 0, roles));
        context.Items[SessionKey] = true;
        // Anti-forgery tokens issued to a signed-in page are bound to this user.
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, user.Name)], "rampart-session"));
    }
}
