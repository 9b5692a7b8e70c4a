using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rampart.Server.Access;

namespace Rampart.Server.WebUi;

/// <summary>The page shell: navigation, who is signed in, a sign-out form; the body comes from each page.</summary>
internal static class Layout
{
    private static readonly (string Href, string Label)[] Navigation =
    [
        ("/runs", "Runs"), ("/repositories", "Repositories"), ("/approvals", "Approvals"), ("/environments", "Environments"),
        ("/insights", "Insights"), ("/runners", "Runners"), ("/ledger", "Ledger"), ("/secrets", "Secrets"),
    ];

    public static IResult Page(HttpContext context, string title, Action<Html> body, int status = StatusCodes.Status200OK)
    {
        var html = new Html();
        html.Add($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Add($"<title>{title} · Rampart</title><link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head><body>");
        html.Add($"<header><a class=\"brand\" href=\"/runs\">Rampart</a>");
        var caller = context.GetCaller();
        if (caller is not null)
        {
            html.Add($"<nav>");
            foreach (var (href, label) in Navigation)
            {
                var current = context.Request.Path.StartsWithSegments(href, StringComparison.Ordinal) ? new Markup(" aria-current=\"page\"") : new Markup("");
                html.Add($"<a href=\"{href}\"{current}>{label}</a>");
            }

            html.Add($"</nav><form class=\"signout\" method=\"post\" action=\"/logout\">{Token(context)}<span class=\"who\">{caller.Name}</span> <button type=\"submit\">Sign out</button></form>");
        }

        html.Add($"</header><main><h1>{title}</h1>");
        body(html);
        html.Add($"</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The hidden anti-forgery field every form carries (and the matching cookie).</summary>
    public static Markup Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new Markup($"<input type=\"hidden\" name=\"{Html.Encode(tokens.FormFieldName)}\" value=\"{Html.Encode(tokens.RequestToken)}\">");
    }

    public static IResult Error(HttpContext context, int status, string message) =>
        Page(context, status == StatusCodes.Status404NotFound ? "Not found" : status == StatusCodes.Status403Forbidden ? "Not allowed" : "Error",
            html => html.Add($"<p class=\"error\">{message}</p>"), status);

    public static Task WriteErrorAsync(HttpContext context, int status, string message) => Error(context, status, message).ExecuteAsync(context);

    /// <summary>Null when someone is signed in; otherwise a redirect to the sign-in page that comes back here.</summary>
    public static IResult? RequireSignIn(HttpContext context)
    {
        if (context.GetCaller() is not null)
            return null;
        var back = context.Request.Path + context.Request.QueryString;
        return Results.Redirect("/login?return=" + Uri.EscapeDataString(back.ToString()));
    }

    /// <summary>Null when the signed-in caller may do it on the repository; else the sign-in redirect or a 403 page.</summary>
    public static IResult? Deny(HttpContext context, Permission permission, string? repository)
    {
        if (RequireSignIn(context) is { } signIn)
            return signIn;
        return context.GetCaller()!.Can(permission, repository)
            ? null
            : Error(context, StatusCodes.Status403Forbidden, $"You lack the {RoleNames.Name(permission)} permission on {repository ?? "every repository"}.");
    }
}
