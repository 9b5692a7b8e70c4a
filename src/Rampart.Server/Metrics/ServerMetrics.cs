using System.Globalization;
using System.Text;
using Rampart.Core.Service;

namespace Rampart.Server.Metrics;

/// <summary>
/// What <c>/metrics</c> shows, in the Prometheus text format. Counters are per process (Prometheus
/// sums replicas); queue depth and runner counts are read from the shared database at scrape time.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly double[] LatencyBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    // Prometheus' default buckets, and longer ones for the first fetch of a large repository.
    private static readonly double[] PreparationBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] DurationBounds = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

    internal Histogram DispatchLatency { get; } = new("rampart_dispatch_latency_seconds", "Time from a job entering the queue to a runner taking it.", LatencyBounds);
    /// <summary>
    /// Where a run's time goes before its first job is queued, on the replica that carries it:
    /// <c>fetch</c> (the commit into the mirror), <c>pipeline</c> (reading the pipeline file and the
    /// policy), <c>stages</c> (the tree, the before-job stages, queueing), and <c>total</c> (trigger to queued).
    /// </summary>
    internal LabelledHistogram Preparation { get; } = new("rampart_run_preparation_seconds",
        "Time from a trigger to its run's first queued job, by phase (fetch, pipeline, stages) and in total.", "phase",
        [PreparationPhase.Fetch, PreparationPhase.Pipeline, PreparationPhase.Stages, PreparationPhase.Total], PreparationBounds);

    internal Histogram RunDuration { get; } = new("rampart_run_duration_seconds", "Duration of finished runs.", DurationBounds);
    internal LabelledCounter RunsFinished { get; } = new("rampart_runs_finished_total", "Finished runs by outcome.", "outcome");
    internal LabelledCounter GateFailures { get; } = new("rampart_gate_failures_total", "Runs a gate stopped, by gate.", "gate");
    internal LabelledCounter Webhooks { get; } = new("rampart_webhooks_total", "Webhook deliveries by result.", "result");
    internal LabelledCounter AuthFailures { get; } = new("rampart_auth_failures_total", "Refused authentications by reason.", "reason");
    internal LabelledCounter JobClaims { get; } = new("rampart_job_claims_total", "Runners' looks at the queue, by whether they got a job (claimed) or not (none).", "result");
    internal LabelledCounter JobsReaped { get; } = new("rampart_jobs_reaped_total", "Jobs whose runner stopped renewing the lease, by what happened next.", "action");

    public void RecordDispatch(TimeSpan latency) => DispatchLatency.Observe(latency.TotalSeconds);

    public void RecordRunFinished(string outcome, TimeSpan duration)
    {
        RunsFinished.Increment(outcome);
        RunDuration.Observe(duration.TotalSeconds);
    }

    public void RecordPreparation(string phase, TimeSpan elapsed) => Preparation.Observe(phase, elapsed.TotalSeconds);

    public void RecordGateFailure(string gate) => GateFailures.Increment(gate);

    public void RecordWebhook(string result) => Webhooks.Increment(result);

    public void RecordAuthFailure(string reason) => AuthFailures.Increment(reason);

    public void RecordClaim(bool claimed) => JobClaims.Increment(claimed ? "claimed" : "none");

    public void RecordReaped(string action) => JobsReaped.Increment(action);

    public async Task<string> RenderAsync(ServiceDatabase database, DateTimeOffset now, TimeSpan activeWithin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var counts = await database.Queue.CountAsync(cancellationToken).ConfigureAwait(false);
        var runners = await database.Runners.ListRunnersAsync(cancellationToken).ConfigureAwait(false);
        var active = runners.Count(r => r.LastSeenAt is { } seen && now - seen <= activeWithin);
        var text = new StringBuilder();
        Gauge(text, "rampart_queue_jobs", "Jobs in the queue by state.", [("state=\"queued\"", counts.Queued), ("state=\"running\"", counts.Running)]);
        Gauge(text, "rampart_runners", "Registered runners, and those seen recently.", [("state=\"registered\"", runners.Count), ("state=\"active\"", active)]);
        DispatchLatency.WriteTo(text);
        Preparation.WriteTo(text);
        RunDuration.WriteTo(text);
        RunsFinished.WriteTo(text);
        GateFailures.WriteTo(text);
        Webhooks.WriteTo(text);
        AuthFailures.WriteTo(text);
        JobClaims.WriteTo(text);
        JobsReaped.WriteTo(text);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, (string Labels, long Value)[] values)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in values)
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value}\n");
    }
}
