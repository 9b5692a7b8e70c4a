using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.WebUi.Svg;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/insights</c>: run durations over time per pipeline and findings by severity over time, as server-drawn SVG.</summary>
internal static class InsightsPage
{
    private const int DurationRuns = 200;
    private const int FindingRuns = 60;
    private static readonly string[] Palette = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e", "#558b2f"];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/insights", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext context, ServiceDatabase database, string? repository)
    {
        if (Layout.Deny(context, Permission.ReadRuns, repository) is { } denied)
            return denied;
        var caller = context.GetCaller()!;
        var runs = (await RunListPages.PageAsync(database.Runs, new RunQuery(DurationRuns, null, repository), context.RequestAborted).ConfigureAwait(false))
            .Where(r => caller.Can(Permission.ReadRuns, r.Repository)).ToList();
        var durations = runs.Where(r => r.FinishedAt is not null)
            .GroupBy(r => repository is null ? r.Repository + " · " + r.Pipeline : r.Pipeline)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new ChartSeries(g.Key, Palette[i % Palette.Length], [.. g.Select(r => (r.StartedAt, (r.FinishedAt!.Value - r.StartedAt).TotalSeconds))]))
            .ToList();

        var counts = new List<(DateTimeOffset At, Dictionary<Severity, int> BySeverity)>();
        foreach (var run in runs.Where(r => r.FinishedAt is not null).Take(FindingRuns))
        {
            var details = await database.Runs.GetRunAsync(run.Id, context.RequestAborted).ConfigureAwait(false);
            if (details is not null)
                counts.Add((run.StartedAt, details.Findings.GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count())));
        }

        var findings = Enum.GetValues<Severity>().Reverse()
            .Select(s => new ChartSeries(s.ToString().ToLowerInvariant(), StatusBadge.SeverityColour(s), [.. counts.Select(c => (c.At, (double)c.BySeverity.GetValueOrDefault(s)))]))
            .ToList();
        return Layout.Page(context, repository is null ? "Insights" : "Insights of " + repository, html =>
        {
            html.Add($"<h2>Run durations</h2><figure id=\"durations\">{LineChartSvg.Render("run durations over time per pipeline", "seconds", durations)}<figcaption>The last {DurationRuns} finished runs, per pipeline.</figcaption></figure>");
            html.Add($"<h2>Findings by severity</h2><figure id=\"findings-chart\">{LineChartSvg.Render("findings by severity over time", "findings", findings)}<figcaption>The last {FindingRuns} finished runs.</figcaption></figure>");
        });
    }
}
