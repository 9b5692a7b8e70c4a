using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rampart.Server.Access;
using Rampart.Server.WebUi.Deploys;

namespace Rampart.Server.WebUi.Pages;

/// <summary>
/// <c>/approvals</c> (deploys waiting, with approve/reject forms) and <c>/environments</c> (rules and
/// deploy history). The forms post to the deploy API with the anti-forgery token; the API decides.
/// </summary>
internal static class DeployPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/approvals", (Func<HttpContext, Task<IResult>>)ApprovalsAsync);
        app.MapGet("/environments", EnvironmentsAsync);
    }

    private static async Task<IResult> ApprovalsAsync(HttpContext context)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var board = context.RequestServices.GetService<IDeployBoard>();
        var caller = context.GetCaller()!;
        var pending = board is null ? [] : (await board.ListPendingAsync(context.RequestAborted).ConfigureAwait(false))
            .Where(p => caller.Can(Permission.ReadRuns, p.Repository)).ToList();
        return Layout.Page(context, "Approvals", html =>
        {
            if (board is null)
                html.Add($"<p class=\"notice\" id=\"deploys-off\">Deploy environments are not set up on this server, so nothing waits for approval.</p>");
            else if (pending.Count == 0)
                html.Add($"<p>No deploy is waiting for approval.</p>");
            else
                PendingTable(html, context, pending);
        });
    }

    internal static void PendingTable(Html html, HttpContext context, IReadOnlyList<PendingApproval> pending)
    {
        var caller = context.GetCaller()!;
        html.Add($"<table class=\"approvals\"><thead><tr><th>Run</th><th>Repository</th><th>Environment</th><th>Commit</th><th>Requested by</th><th>Approvals</th><th>Decide</th></tr></thead><tbody>");
        foreach (var p in pending)
        {
            html.Add($"<tr><td><a href=\"/runs/{p.RunId}\">#{p.RunId}</a></td><td>{p.Repository}</td><td>{p.Environment}</td><td><code>{StatusBadge.ShortCommit(p.Commit)}</code></td>");
            html.Add($"<td>{p.RequestedBy}</td><td>{p.Approvals.Count} of {p.Required}{(p.Approvals.Count > 0 ? " (" + string.Join(", ", p.Approvals) + ")" : "")}</td><td>");
            if (caller.Can(Permission.ApproveDeploy, p.Repository))
            {
                var basePath = $"/api/v1/runs/{p.RunId}/environments/{Uri.EscapeDataString(p.Environment)}";
                foreach (var (verb, label) in new[] { ("approve", "Approve"), ("reject", "Reject") })
                {
                    html.Add($"<form class=\"decide\" method=\"post\" action=\"{basePath}/{verb}\" data-api=\"true\">{Layout.Token(context)}");
                    html.Add($"<input name=\"comment\" placeholder=\"comment\" maxlength=\"500\"><button type=\"submit\" class=\"{verb}\">{label}</button></form>");
                }
            }
            else
            {
                html.Add($"<span class=\"hint\">you may not approve deploys of {p.Repository}</span>");
            }

            html.Add($"</td></tr>");
        }

        html.Add($"</tbody></table><p class=\"hint\" id=\"decide-result\" role=\"status\"></p>");
    }

    private static async Task<IResult> EnvironmentsAsync(HttpContext context, string? environment)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var board = context.RequestServices.GetService<IDeployBoard>();
        var caller = context.GetCaller()!;
        var environments = board is null ? [] : (await board.ListEnvironmentsAsync(context.RequestAborted).ConfigureAwait(false))
            .Where(e => caller.Can(Permission.ReadRuns, e.Repository)).ToList();
        var history = board is null ? [] : (await board.ListDeploymentsAsync(null, environment, 100, context.RequestAborted).ConfigureAwait(false))
            .Where(d => caller.Can(Permission.ReadRuns, d.Repository)).ToList();
        return Layout.Page(context, "Environments", html =>
        {
            if (board is null)
            {
                html.Add($"<p class=\"notice\" id=\"deploys-off\">Deploy environments are not set up on this server.</p>");
                return;
            }

            html.Add($"<table><thead><tr><th>Repository</th><th>Environment</th><th>Approvers</th><th>Needed</th><th>Self-approval</th><th>Wait</th><th>Branches</th><th>Lock</th></tr></thead><tbody>");
            foreach (var e in environments)
            {
                html.Add($"<tr><td>{e.Repository}</td><td><a href=\"/environments?environment={Uri.EscapeDataString(e.Name)}\">{e.Name}</a></td><td>{string.Join(", ", e.Approvers)}</td><td>{e.RequiredApprovals}</td>");
                html.Add($"<td>{(e.PreventSelfApproval ? "refused" : "allowed")}</td><td>{e.WaitTimer?.ToString()}</td><td>{string.Join(", ", e.AllowedBranches)}</td><td>{e.Locked ?? "free"}</td></tr>");
            }

            html.Add($"</tbody></table><h2>Deploy history{(environment is null ? "" : " of " + environment)}</h2>");
            html.Add($"<table><thead><tr><th>Run</th><th>Repository</th><th>Environment</th><th>Status</th><th>Commit</th><th>Digest</th><th>Approved by</th><th>When</th></tr></thead><tbody>");
            foreach (var d in history)
            {
                html.Add($"<tr><td><a href=\"/runs/{d.RunId}\">#{d.RunId}</a></td><td>{d.Repository}</td><td>{d.Environment}</td><td>{d.Status}</td><td><code>{StatusBadge.ShortCommit(d.Commit)}</code></td>");
                html.Add($"<td><code class=\"digest\">{d.Digest}</code></td><td>{string.Join(", ", d.ApprovedBy)}</td><td>{StatusBadge.Time(d.CreatedAt)}</td></tr>");
            }

            html.Add($"</tbody></table>");
        });
    }
}
