using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Core.Signing;
using Rampart.Engine.Pipeline;
using Rampart.Server.Access;
using Rampart.Server.Hosting;
using Rampart.Server.Orchestration;
using Rampart.Server.WebUi.Deploys;
using Rampart.Server.WebUi.Svg;

namespace Rampart.Server.WebUi.Pages;

/// <summary><c>/runs/{id}</c>: summary, job graph, jobs and steps with log links, the gate with every finding, artifacts, deploys.</summary>
internal static class RunPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/{id:long}", ShowAsync);
        app.MapPost("/runs/{id:long}/cancel", CancelAsync);
    }

    private static async Task<IResult> CancelAsync(HttpContext context, ServiceDatabase database, RunOrchestrator orchestrator, TimeProvider time, long id)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (details is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"Run {id} does not exist.");
        if (Layout.Deny(context, Permission.CancelRuns, details.Run.Repository) is { } denied)
            return denied;
        // As the API does: cancelling the queued jobs stops the run wherever it is carried.
        await database.Queue.CancelRunAsync(id, "cancelled by user/" + context.GetCaller()!.Name, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        orchestrator.Cancel(id);
        return Results.Redirect($"/runs/{id}");
    }

    private static async Task<IResult> ShowAsync(HttpContext context, ServiceDatabase database, ServerWiring wiring, TimeProvider time, long id)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (details is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"Run {id} does not exist.");
        if (Layout.Deny(context, Permission.ReadRuns, details.Run.Repository) is { } denied)
            return denied;
        var run = details.Run;
        var trigger = await database.Triggers.GetTriggerAsync(id, context.RequestAborted).ConfigureAwait(false);
        var jobs = details.Jobs.Where(j => j.Name != ServerRunObserver.RunLog).ToList();
        var needs = await NeedsAsync(database, id, jobs, context.RequestAborted).ConfigureAwait(false);
        var notices = await database.Logs.ReadLogAsync(id, ServerRunObserver.RunLog, 0, 0, 500, context.RequestAborted).ConfigureAwait(false);
        var attestations = wiring.Attestations?.Invoke(id) ?? [];
        var board = context.RequestServices.GetService<IDeployBoard>();
        var deploys = board is null ? [] : (await board.ListPendingAsync(context.RequestAborted).ConfigureAwait(false)).Where(p => p.RunId == id).ToList();
        var now = time.GetUtcNow();

        return Layout.Page(context, $"Run #{id}", html =>
        {
            if (run.Status is Outcome.Pending or Outcome.Running)
                html.Add($"<p class=\"hint\" id=\"run-live\" data-refresh=\"5\">Running: this page refreshes every few seconds.</p>");
            html.Add($"<dl class=\"summary\"><dt>Status</dt><dd>{StatusBadge.Of(run.Status)}</dd>");
            html.Add($"<dt>Repository</dt><dd><a href=\"/runs?repository={Uri.EscapeDataString(run.Repository)}\">{run.Repository}</a></dd><dt>Pipeline</dt><dd>{run.Pipeline}</dd>");
            html.Add($"<dt>Trigger</dt><dd>{run.Event}{(trigger?.Actor is { } actor ? " by " + actor : "")}{(trigger is { Trusted: false } ? " (untrusted: no secrets)" : "")}</dd>");
            html.Add($"<dt>Ref</dt><dd>{run.Ref}</dd><dt>Commit</dt><dd><code>{run.Commit}</code></dd>");
            html.Add($"<dt>Started</dt><dd>{StatusBadge.Time(run.StartedAt)}</dd><dt>Duration</dt><dd>{StatusBadge.Duration(run.StartedAt, run.FinishedAt, now)}</dd></dl>");
            if (run.Error is not null)
                html.Add($"<p class=\"error\" id=\"run-error\">{run.Error}</p>");
            if (run.Status is Outcome.Pending or Outcome.Running && context.GetCaller()!.Can(Permission.CancelRuns, run.Repository))
                html.Add($"<form method=\"post\" action=\"/runs/{id}/cancel\">{Layout.Token(context)}<button type=\"submit\">Cancel run</button></form>");

            html.Add($"<h2>Job graph</h2>{JobGraphSvg.Render(jobs, needs)}");
            Jobs(html, id, jobs, details.Steps, now);
            Gate(html, run, details.Findings, wiring);
            Artifacts(html, id, details.Artifacts, attestations);
            if (deploys.Count > 0)
            {
                html.Add($"<h2>Deploys waiting</h2>");
                DeployPages.PendingTable(html, context, deploys);
            }

            html.Add($"<h2>Server notices</h2><pre class=\"log\">");
            foreach (var chunk in notices)
                html.Add($"{chunk.Text}");
            html.Add($"</pre>");
        });
    }

    private static void Jobs(Html html, long id, IReadOnlyList<JobRecord> jobs, IReadOnlyList<StepRecord> steps, DateTimeOffset now)
    {
        html.Add($"<h2>Jobs</h2>");
        foreach (var job in jobs)
        {
            html.Add($"<section class=\"job\" id=\"job-{Uri.EscapeDataString(job.Name)}\"><h3>{job.Name} {StatusBadge.Of(job.Status)} <small>{StatusBadge.Duration(job.StartedAt, job.FinishedAt, now)}</small></h3>");
            if (job.Error is not null)
                html.Add($"<p class=\"error\">{job.Error}</p>");
            html.Add($"<table><thead><tr><th>#</th><th>Step</th><th>Status</th><th>Exit</th><th>Duration</th><th>Log</th></tr></thead><tbody>");
            foreach (var step in steps.Where(s => s.Job == job.Name).OrderBy(s => s.Index))
            {
                html.Add($"<tr><td>{step.Index + 1}</td><td>{step.Name}</td><td>{StatusBadge.Of(step.Status)}</td><td>{step.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)}</td>");
                html.Add($"<td>{StatusBadge.Duration(step.StartedAt, step.FinishedAt, now)}</td><td><a href=\"/runs/{id}/logs/{Uri.EscapeDataString(job.Name)}/{step.Index}\">log</a></td></tr>");
            }

            html.Add($"</tbody></table></section>");
        }
    }

    private static void Gate(Html html, RunRecord run, IReadOnlyList<Finding> findings, ServerWiring wiring)
    {
        var failed = run.Error?.StartsWith("gate failed", StringComparison.Ordinal) == true;
        var decision = failed ? "failed" : run.Status == Outcome.Succeeded ? "passed" : run.Status is Outcome.Pending or Outcome.Running ? "not decided yet" : "not reached";
        html.Add($"<h2>Gate</h2><p class=\"gate gate-{decision.Replace(' ', '-')}\" id=\"gate\">Gate {decision}{(failed ? ": " + run.Error!["gate failed".Length..].TrimStart(':', ' ') : "")}</p>");
        if (findings.Count == 0)
        {
            html.Add($"<p>No findings.</p>");
            return;
        }

        html.Add($"<table class=\"findings\" id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Source</th><th>File</th><th>Line</th><th>Message</th></tr></thead><tbody>");
        foreach (var finding in findings.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            html.Add($"<tr><td>{StatusBadge.Of(finding.Severity)}</td><td><a href=\"{RulePage.Link(finding.RuleId)}\">{finding.RuleId}</a></td><td>{finding.Source}</td>");
            html.Add($"<td>{finding.Location?.Path}</td><td>{(finding.Location is { StartLine: > 0 } l ? l.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}</td><td>{finding.Message}</td></tr>");
        }

        html.Add($"</tbody></table>");
        _ = wiring;
    }

    private static void Artifacts(Html html, long id, IReadOnlyList<ArtifactRecord> artifacts, IReadOnlyList<AttestationRecord> attestations)
    {
        html.Add($"<h2>Artifacts</h2>");
        if (artifacts.Count == 0)
        {
            html.Add($"<p>No artifacts.</p>");
            return;
        }

        var provenance = attestations.Any(a => a.Kind == AttestationKind.Provenance);
        html.Add($"<table class=\"artifacts\"><thead><tr><th>Name</th><th>Job</th><th>Size</th><th>Digest</th><th>Signature</th><th>Provenance</th></tr></thead><tbody>");
        foreach (var artifact in artifacts)
        {
            var signed = attestations.Any(a => a.Kind == AttestationKind.Signature && a.Subject == artifact.Name);
            html.Add($"<tr><td>{artifact.Name}</td><td>{artifact.Job}</td><td>{artifact.Size}</td><td><code class=\"digest\">{artifact.Digest.ToString()}</code></td>");
            html.Add($"<td>{(signed ? new Markup("<span class=\"ok\">signed</span>") : new Markup("<span class=\"warn\">not signed</span>"))}</td>");
            html.Add($"<td>{(provenance ? new Markup("<span class=\"ok\">SLSA provenance</span>") : new Markup("<span class=\"warn\">none</span>"))}</td></tr>");
        }

        html.Add($"</tbody></table>");
        if (artifacts.Any(a => a.Name == SbomPage.CycloneDxName))
            html.Add($"<p><a href=\"/runs/{id}/sbom\">SBOM and vulnerabilities</a></p>");
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> NeedsAsync(ServiceDatabase database, long runId, IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        // The pipeline text travels with each queued job; the graph comes from the file the run really used.
        foreach (var job in jobs)
        {
            var queued = await database.Queue.FindAsync(runId, job.Name, cancellationToken).ConfigureAwait(false);
            if (queued is null)
                continue;
            try
            {
                var payload = JsonSerializer.Deserialize<JobPayload>(queued.Payload, ProtocolJson.Options);
                var loaded = payload is null ? null : PipelineLoader.Parse(payload.PipelineText, "pipeline");
                if (loaded is { Succeeded: true })
                    return loaded.Pipeline!.Jobs.ToDictionary(j => j.Name, j => j.Needs, StringComparer.Ordinal);
            }
            catch (JsonException)
            {
            }
        }

        return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    }
}
