using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.WebUi.Sessions;

namespace Rampart.Server.WebUi.Pages;

/// <summary>Sign in with a user name and password (the server's users), sign out.</summary>
internal static class LoginPages
{
    // Verified when the user does not exist, so a wrong name costs as long as a wrong password.
    private static readonly string DecoyHash = PasswordHasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, string? @return) => Form(context, @return, null, StatusCodes.Status200OK));
        app.MapPost("/login", SignInAsync);
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(SessionTickets.CookieName, CookieOptions(context));
            return Results.Redirect("/login");
        });
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ServiceDatabase database, SessionTickets tickets, AuthFailureLimiter limiter)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var name = form["username"].ToString();
        var password = form["password"].ToString();
        var back = form["return"].ToString();
        var client = context.Connection.RemoteIpAddress;
        if (limiter.RetryAfter(client) is not null)
            return Form(context, back, "Too many failed sign-ins from this address. Wait a minute and try again.", StatusCodes.Status429TooManyRequests);

        var user = name.Length is > 0 and <= 100 ? await database.Access.FindUserAsync(name, context.RequestAborted).ConfigureAwait(false) : null;
        var good = PasswordHasher.Verify(password, user?.PasswordHash ?? DecoyHash) && user is { Disabled: false, PasswordHash: not null };
        if (!good)
        {
            limiter.RecordFailure(client);
            return Form(context, back, "Wrong user name or password, or the user is disabled.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(SessionTickets.CookieName, tickets.Issue(user!), CookieOptions(context));
        return Results.Redirect(LocalPath(back) ?? "/runs");
    }

    internal static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = SessionTickets.Lifetime,
        IsEssential = true,
    };

    /// <summary>Only a path on this server: no scheme, no host, no <c>//</c> or <c>/\</c> that a browser would read as a host.</summary>
    internal static string? LocalPath(string? back) =>
        back is { Length: > 0 and < 2000 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\'))
        && !back.Any(char.IsControl) ? back : null;

    private static IResult Form(HttpContext context, string? back, string? error, int status) =>
        Layout.Page(context, "Sign in", html =>
        {
            if (error is not null)
                html.Add($"<p class=\"error\" role=\"alert\">{error}</p>");
            html.Add($"<form class=\"login\" method=\"post\" action=\"/login\">{Layout.Token(context)}");
            html.Add($"<input type=\"hidden\" name=\"return\" value=\"{LocalPath(back) ?? "/runs"}\">");
            html.Add($"<label>User name <input name=\"username\" autocomplete=\"username\" required maxlength=\"100\" autofocus></label>");
            html.Add($"<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\"></label>");
            html.Add($"<button type=\"submit\">Sign in</button></form>");
            html.Add($"<p class=\"hint\">No password yet? An admin sets one with <code>rampart user passwd NAME</code>.</p>");
        }, status);
}
