using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Server.Access;

namespace Rampart.Server.WebUi.Pages;

/// <summary>
/// A step's masked log: the page holds everything stored so far (it works without script); app.js then
/// follows <c>…/events</c>, a server-sent event stream of the chunks after the last one shown, which
/// ends with an <c>end</c> event once the step has finished and every chunk was sent.
/// </summary>
internal static class LogPages
{
    private const int MaxChunksPerPage = 20_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(30);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/{id:long}/logs/{job}/{step:int}", ShowAsync);
        app.MapGet("/runs/{id:long}/logs/{job}/{step:int}/events", StreamAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, ServiceDatabase database, long id, string job, int step)
    {
        if (await CheckAsync(context, database, id) is { } refused)
            return refused;
        var text = new StringBuilder();
        long last = 0;
        for (var read = 0; read < MaxChunksPerPage;)
        {
            var chunks = await database.Logs.ReadLogAsync(id, job, step, last, 1000, context.RequestAborted).ConfigureAwait(false);
            if (chunks.Count == 0)
                break;
            foreach (var chunk in chunks)
                text.Append(chunk.Text);
            last = chunks[^1].Sequence;
            read += chunks.Count;
        }

        var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
        var state = details!.Steps.FirstOrDefault(s => s.Job == job && s.Index == step);
        var live = details.Run.Status is Outcome.Pending or Outcome.Running && state?.Status is null or Outcome.Pending or Outcome.Running;
        return Layout.Page(context, $"Run #{id} · {job} · step {step + 1}", html =>
        {
            html.Add($"<p><a href=\"/runs/{id}#job-{Uri.EscapeDataString(job)}\">Back to run #{id}</a> · {state?.Name} {(state is null ? new Markup("") : StatusBadge.Of(state.Status))}</p>");
            var events = $"/runs/{id}/logs/{Uri.EscapeDataString(job)}/{step}/events";
            html.Add($"<pre class=\"log\" id=\"log\" data-live=\"{(live ? "true" : "false")}\" data-events=\"{events}\" data-after=\"{last}\">{text.ToString()}</pre>");
            html.Add($"<p class=\"hint\" id=\"log-state\">{(live ? "Running: new lines appear as they arrive (reload if script is off)." : "Finished.")}</p>");
        });
    }

    private static async Task StreamAsync(HttpContext context, ServiceDatabase database, TimeProvider time, long id, string job, int step, long? after)
    {
        if (await CheckAsync(context, database, id) is { } refused)
        {
            await refused.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var last = after ?? 0;
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var resumed))
            last = Math.Max(last, resumed);
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var ct = context.RequestAborted;
        var until = time.GetUtcNow() + MaxStream;
        try
        {
            while (time.GetUtcNow() < until)
            {
                var chunks = await database.Logs.ReadLogAsync(id, job, step, last, 500, ct).ConfigureAwait(false);
                foreach (var chunk in chunks)
                {
                    var message = new StringBuilder().Append("id: ").Append(chunk.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    foreach (var line in chunk.Text.Split('\n'))
                        message.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
                    await context.Response.WriteAsync(message.Append('\n').ToString(), ct).ConfigureAwait(false);
                    last = chunk.Sequence;
                }

                if (chunks.Count > 0)
                {
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    continue;
                }

                if (await FinishedAsync(database, id, job, step, ct).ConfigureAwait(false))
                {
                    // Read once more: a chunk stored between the read above and the status check is not lost.
                    if ((await database.Logs.ReadLogAsync(id, job, step, last, 1, ct).ConfigureAwait(false)).Count > 0)
                        continue;
                    await context.Response.WriteAsync("event: end\ndata: finished\n\n", ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    return;
                }

                await context.Response.WriteAsync(": waiting\n\n", ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<bool> FinishedAsync(ServiceDatabase database, long id, string job, int step, CancellationToken ct)
    {
        var details = await database.Runs.GetRunAsync(id, ct).ConfigureAwait(false);
        if (details is null || details.Run.Status is not (Outcome.Pending or Outcome.Running))
            return true;
        var state = details.Steps.FirstOrDefault(s => s.Job == job && s.Index == step);
        var jobState = details.Jobs.FirstOrDefault(j => j.Name == job);
        return state?.Status is Outcome.Succeeded or Outcome.Failed or Outcome.Skipped or Outcome.TimedOut or Outcome.Cancelled
            || jobState?.Status is Outcome.Succeeded or Outcome.Failed or Outcome.Skipped or Outcome.TimedOut or Outcome.Cancelled;
    }

    private static async Task<IResult?> CheckAsync(HttpContext context, ServiceDatabase database, long id)
    {
        if (Layout.RequireSignIn(context) is { } signIn)
            return signIn;
        var details = await database.Runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (details is null)
            return Layout.Error(context, StatusCodes.Status404NotFound, $"Run {id} does not exist.");
        return Layout.Deny(context, Permission.ReadRuns, details.Run.Repository);
    }
}
