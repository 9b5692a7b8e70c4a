using System.Text.Json;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Runs a job by queueing it for a runner and waiting for the report. Idempotent per run and job: a
/// run carried on after a replica died finds the job it queued before, finished or not, instead of
/// queueing it twice.
/// </summary>
internal sealed class RemoteJobDispatch(ServiceDatabase database, JobSignals signals, TimeProvider time, int maxAttempts, JobPayload template,
    Action? queued = null, Func<bool>? abandoned = null) : IJobExecutor
{
    public async Task<JobOutcome> RunAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken)
    {
        var entry = await database.Queue.FindAsync(run.Id, job.Name, CancellationToken.None).ConfigureAwait(false);
        if (entry is null)
        {
            var payload = template with { RunId = run.Id, Job = job.Name };
            entry = await database.Queue.EnqueueAsync(new QueuedJob
            {
                RunId = run.Id, Job = job.Name, Repository = template.Repository, Labels = job.RunsOn,
                Payload = JsonSerializer.Serialize(payload, ProtocolJson.Options), MaxAttempts = maxAttempts, EnqueuedAt = time.GetUtcNow(),
            }, CancellationToken.None).ConfigureAwait(false);
            signals.NotifyQueued(entry.Labels);
        }

        queued?.Invoke();
        while (!entry.IsFinal)
        {
            var finished = signals.WaitFinishedAsync(entry.Id);
            try
            {
                await finished.WaitAsync(signals.FinishedPoll, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                // A run another replica carries on keeps its jobs.
                if (abandoned?.Invoke() != true)
                    await database.Queue.CancelRunAsync(run.Id, "run cancelled", time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            entry = await database.Queue.GetAsync(entry.Id, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"queued job {entry.Id} disappeared");
        }

        return Outcome(entry);
    }

    private static JobOutcome Outcome(QueuedJob entry)
    {
        var report = TryReadCompletion(entry.Result);
        return entry.State switch
        {
            QueueState.Succeeded when report is not null => new JobOutcome(Core.Runs.Outcome.Succeeded, null,
                [.. report.Artifacts.Select(a => new CollectedArtifact(a.Name, Digest.TryParse(a.Digest, out var d) ? d : throw new InvalidOperationException($"bad digest {a.Digest}"), a.Size))]),
            QueueState.Cancelled => new JobOutcome(Core.Runs.Outcome.Cancelled, entry.Result ?? "cancelled", []),
            _ => new JobOutcome(report?.Outcome is Core.Runs.Outcome.TimedOut ? Core.Runs.Outcome.TimedOut : Core.Runs.Outcome.Failed,
                report?.Error ?? entry.Result ?? "the job failed on its runner", []),
        };
    }

    private static JobCompletion? TryReadCompletion(string? result)
    {
        if (result is null || !result.StartsWith('{'))
            return null;
        try
        {
            return JsonSerializer.Deserialize<JobCompletion>(result, ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
