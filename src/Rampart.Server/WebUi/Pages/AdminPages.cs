using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Api;
using Rampart.Server.Hosting;
using Rampart.Server.Triggers;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/repositories</c> (with a start-run form), <c>/runners</c>, <c>/ledger</c>, <c>/secrets</c> (names and scopes only).</summary>
internal static class AdminPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/runs"));
        app.MapGet("/repositories", RepositoriesAsync);
        app.MapPost("/repositories/{owner}/{repo}/runs", StartRunAsync);
        app.MapGet("/runners", RunnersAsync);
        app.MapGet("/ledger", LedgerAsync);
        app.MapGet("/secrets", SecretsAsync);
    }

    private static async Task<IResult> RepositoriesAsync(HttpContext context, ServiceDatabase database)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var caller = context.GetCaller()!;
        var repositories = (await database.Repositories.ListRepositoriesAsync(context.RequestAborted).ConfigureAwait(false))
            .Where(r => caller.Can(Permission.ReadRuns, r.Name)).ToList();
        return Layout.Page(context, "Repositories", html =>
        {
            html.Add($"<table><thead><tr><th>Name</th><th>Clone URL</th><th>Default branch</th><th>Protected</th><th>Polling</th><th></th></tr></thead><tbody>");
            foreach (var r in repositories)
            {
                html.Add($"<tr><td><a href=\"/runs?repository={Uri.EscapeDataString(r.Name)}\">{r.Name}</a></td><td><code>{r.CloneUrl}</code></td><td>{r.DefaultBranch}</td>");
                html.Add($"<td>{string.Join(", ", r.ProtectedBranches)}</td><td>{(r.PollSeconds > 0 ? r.PollSeconds + "s" : "off")}</td><td>");
                if (caller.Can(Permission.StartRuns, r.Name))
                {
                    html.Add($"<form method=\"post\" action=\"/repositories/{r.Name}/runs\">{Layout.Token(context)}");
                    html.Add($"<input name=\"ref\" value=\"refs/heads/{r.DefaultBranch}\" aria-label=\"ref\" maxlength=\"250\"><button type=\"submit\">Start run</button></form>");
                }

                html.Add($"</td></tr>");
            }

            html.Add($"</tbody></table>");
            if (repositories.Count == 0)
                html.Add($"<p>No repositories you can see. Register one with <code>rampart repo add</code> or the API.</p>");
        });
    }

    private static async Task<IResult> StartRunAsync(HttpContext context, string owner, string repo, ServiceDatabase database, ITriggerSink triggers)
    {
        var name = owner + "/" + repo;
        if (Layout.Deny(context, Permission.StartRuns, name) is { } denied)
            return denied;
        var repository = await database.Repositories.FindRepositoryAsync(name, context.RequestAborted).ConfigureAwait(false);
        if (repository is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"Repository {name} is not registered.");
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var gitRef = form["ref"].ToString() is { Length: > 0 and < 250 } given && given.StartsWith("refs/", StringComparison.Ordinal) && !given.Contains("..", StringComparison.Ordinal)
            ? given : "refs/heads/" + repository.DefaultBranch;
        var commit = await RemoteHeads.ResolveAsync(repository.CloneUrl, gitRef, context.RequestAborted).ConfigureAwait(false);
        if (commit is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"{gitRef} was not found in {repository.Name}.");
        var result = await triggers.TriggerAsync(new TriggerRequest(name, commit, gitRef, "manual", Trusted: true, ApiCaller.Name(context), null), context.RequestAborted).ConfigureAwait(false);
        return result.RunId is { } runId
            ? Results.Redirect($"/runs/{runId}")
            : Layout.Error(context, StatusCodes.Status400BadRequest, result.Refusal ?? "the run was refused");
    }

    private static async Task<IResult> RunnersAsync(HttpContext context, ServiceDatabase database, TimeProvider time)
    {
        if (Layout.Deny(context, Permission.ReadRuns, null) is { } denied)
            return denied;
        var runners = await database.Runners.ListRunnersAsync(context.RequestAborted).ConfigureAwait(false);
        var queue = await database.Queue.CountAsync(context.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return Layout.Page(context, "Runners", html =>
        {
            html.Add($"<p>Queue: {queue.Queued} waiting, {queue.Running} running.</p>");
            html.Add($"<table><thead><tr><th>Name</th><th>Labels</th><th>Kind</th><th>Registered</th><th>Last seen</th><th>State</th></tr></thead><tbody>");
            foreach (var r in runners)
            {
                var online = r.LastSeenAt is { } seen && now - seen < TimeSpan.FromMinutes(2);
                html.Add($"<tr><td>{r.Name}</td><td>{string.Join(", ", r.Labels)}</td><td>{(r.Ephemeral ? "ephemeral" : "persistent")}</td><td>{StatusBadge.Time(r.RegisteredAt)}</td>");
                html.Add($"<td>{StatusBadge.Time(r.LastSeenAt)}</td><td>{(online ? "online" : "offline")}</td></tr>");
            }

            html.Add($"</tbody></table>");
        });
    }

    private static async Task<IResult> LedgerAsync(HttpContext context, ServerWiring wiring)
    {
        if (Layout.Deny(context, Permission.ReadLedger, null) is { } denied)
            return denied;
        var summary = wiring.Ledger is { } ledger ? await ledger(context.RequestAborted).ConfigureAwait(false) : null;
        return Layout.Page(context, "Ledger", html =>
        {
            if (summary is null)
            {
                html.Add($"<p class=\"notice\">This server was started without a ledger reader; run <code>rampart ledger verify</code> on its state folder.</p>");
                return;
            }

            html.Add($"<p id=\"ledger-status\" class=\"{(summary.Verified ? "ok" : "error")}\">{(summary.Verified ? "Verified" : "NOT verified")}: {summary.Entries} entries, {summary.Checkpoints} signed checkpoints.</p>");
            if (summary.Problem is not null)
                html.Add($"<p class=\"error\">{summary.Problem}</p>");
            foreach (var warning in summary.Warnings)
                html.Add($"<p class=\"warn\">{warning}</p>");
            html.Add($"<h2>Latest checkpoint</h2>");
            if (summary.CheckpointNote is null)
                html.Add($"<p>No checkpoint yet.</p>");
            else
                html.Add($"<p>Tree size {summary.CheckpointSize}, written {StatusBadge.Time(summary.CheckpointAt)}.</p><pre class=\"note\" id=\"checkpoint\">{summary.CheckpointNote}</pre>");
            if (summary.Key is not null)
                html.Add($"<p>Verification key: <code>{summary.Key}</code></p>");
        });
    }

    private static async Task<IResult> SecretsAsync(HttpContext context, ServerWiring wiring)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var caller = context.GetCaller()!;
        var secrets = wiring.SecretNames is { } list ? await list(context.RequestAborted).ConfigureAwait(false) : [];
        // A secret bound to one repository is listed to those who may manage that repository's secrets; server-wide ones to those who may everywhere.
        var visible = secrets.Where(s => caller.Can(Permission.ManageSecrets, s.Repository)).ToList();
        return Layout.Page(context, "Secrets", html =>
        {
            html.Add($"<p class=\"hint\">Names and scopes only: values are never shown. Set them with <code>rampart secrets set</code>.</p>");
            html.Add($"<table><thead><tr><th>Name</th><th>Repository</th><th>Environment</th><th>Branch</th><th>Versions</th><th>Updated</th></tr></thead><tbody>");
            foreach (var s in visible)
                html.Add($"<tr><td><code>{s.Name}</code></td><td>{s.Repository ?? "any"}</td><td>{s.Environment ?? "any"}</td><td>{s.Branch ?? "any"}</td><td>{s.Versions}</td><td>{StatusBadge.Time(s.Updated)}</td></tr>");
            html.Add($"</tbody></table>");
            if (visible.Count == 0)
                html.Add($"<p>No secrets you may manage.</p>");
        });
    }
}
