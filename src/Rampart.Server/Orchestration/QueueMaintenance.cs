using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rampart.Core.Service;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Every replica, every few seconds: jobs whose runner went silent are queued again or failed, and
/// runs no live replica carries (their replica died or restarted) are taken up here.
/// </summary>
internal sealed class QueueMaintenance(ServiceDatabase database, ServerOptions options, ServerWiring wiring, RunOrchestrator orchestrator,
    JobSignals signals, ServerMetrics metrics, ILogger<QueueMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.JobLeaseSeconds / 5.0, 1, 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "queue maintenance failed; retrying");
            }

            try
            {
                await Task.Delay(interval, wiring.Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = wiring.Time.GetUtcNow();
        foreach (var job in await database.Queue.ReapExpiredAsync(now, cancellationToken).ConfigureAwait(false))
        {
            metrics.RecordReaped(job.State == QueueState.Queued ? "requeued" : "failed");
            if (job.State == QueueState.Queued)
                signals.NotifyQueueChanged();
            else
                signals.NotifyFinished(job.Id);
        }

        foreach (var runId in await database.Triggers.ListOrphanRunsAsync(now, 50, cancellationToken).ConfigureAwait(false))
            await orchestrator.TryStartAsync(runId).ConfigureAwait(false);
    }
}
