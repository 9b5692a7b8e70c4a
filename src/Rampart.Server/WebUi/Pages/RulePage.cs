using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Server.Hosting;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/rules/{id}</c>: a rule's document (from the rule docs folder), shown as text.</summary>
internal static class RulePage
{
    public static string Link(string ruleId) => "/rules/" + Uri.EscapeDataString(ruleId);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/rules/{**id}", (HttpContext context, ServerWiring wiring, string id) =>
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        // Rule ids are lower-case words; documents are named by the id's last part (e.g. dependency-scan/x → x.md).
        var name = id.Split('/')[^1];
        var valid = name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') && !name.StartsWith('.');
        var file = valid && wiring.RuleDocsDirectory is { } folder ? Path.Combine(folder, name + ".md") : null;
        var text = file is not null && File.Exists(file) ? File.ReadAllText(file) : null;
        return Layout.Page(context, "Rule " + id, html =>
        {
            if (text is null)
                html.Add($"<p>No document for this rule is installed on this server. See <code>docs/rules/</code> in the Rampart sources.</p>");
            else
                html.Add($"<pre class=\"doc\">{text}</pre>");
        });
    });
}
