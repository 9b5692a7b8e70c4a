using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Server.Access;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/runs</c>: newest first, 50 a page by keyset (<c>?before=ID</c>), filtered by repository and pipeline.</summary>
internal static class RunListPages
{
    public const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/runs", ListAsync);

    private static async Task<IResult> ListAsync(HttpContext context, ServiceDatabase database, TimeProvider time, string? repository, string? pipeline, long? before)
    {
        if (Layout.Deny(context, Permission.ReadRuns, repository) is { } denied)
            return denied;
        var caller = context.GetCaller()!;
        var runs = await PageAsync(database.Runs, new RunQuery(PageSize + 1, before, repository, pipeline), context.RequestAborted).ConfigureAwait(false);
        var more = runs.Count > PageSize;
        var visible = runs.Take(PageSize).Where(r => caller.Can(Permission.ReadRuns, r.Repository)).ToList();
        var now = time.GetUtcNow();
        return Layout.Page(context, repository is null ? "Runs" : "Runs of " + repository, html =>
        {
            html.Add($"<table class=\"runs\"><thead><tr><th>Run</th><th>Status</th><th>Repository</th><th>Pipeline</th><th>Trigger</th><th>Ref</th><th>Commit</th><th>Started</th><th>Duration</th></tr></thead><tbody>");
            foreach (var run in visible)
            {
                html.Add($"<tr><td><a href=\"/runs/{run.Id}\">#{run.Id}</a></td><td>{StatusBadge.Of(run.Status)}</td>");
                html.Add($"<td><a href=\"/runs?repository={Uri.EscapeDataString(run.Repository)}\">{run.Repository}</a></td><td>{run.Pipeline}</td><td>{run.Event}</td><td>{run.Ref}</td>");
                html.Add($"<td><code title=\"{run.Commit}\">{StatusBadge.ShortCommit(run.Commit)}</code></td><td>{StatusBadge.Time(run.StartedAt)}</td><td>{StatusBadge.Duration(run.StartedAt, run.FinishedAt, now)}</td></tr>");
            }

            html.Add($"</tbody></table>");
            if (visible.Count == 0)
                html.Add($"<p>No runs yet.</p>");
            html.Add($"<nav class=\"pages\">");
            if (before is not null)
                html.Add($"<a href=\"{Link(repository, pipeline, null)}\">Newest</a> ");
            if (more)
                html.Add($"<a rel=\"next\" href=\"{Link(repository, pipeline, runs[PageSize - 1].Id)}\">Older runs</a>");
            html.Add($"</nav>");
        });
    }

    internal static Task<IReadOnlyList<RunRecord>> PageAsync(IRunStore store, RunQuery query, CancellationToken cancellationToken) =>
        store is IRunBrowser browser
            ? browser.ListRunsAsync(query, cancellationToken)
            : FallbackAsync(store, query, cancellationToken);

    private static async Task<IReadOnlyList<RunRecord>> FallbackAsync(IRunStore store, RunQuery query, CancellationToken cancellationToken)
    {
        var all = await store.ListRunsAsync(10_000, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(r => (query.BeforeId is null || r.Id < query.BeforeId) && (query.Repository is null || r.Repository == query.Repository)
            && (query.Pipeline is null || r.Pipeline == query.Pipeline)).Take(query.Limit)];
    }

    private static string Link(string? repository, string? pipeline, long? before)
    {
        var query = new List<string>();
        if (repository is not null)
            query.Add("repository=" + Uri.EscapeDataString(repository));
        if (pipeline is not null)
            query.Add("pipeline=" + Uri.EscapeDataString(pipeline));
        if (before is not null)
            query.Add("before=" + before.Value.ToString(CultureInfo.InvariantCulture));
        return "/runs" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
