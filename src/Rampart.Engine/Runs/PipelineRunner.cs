using Rampart.Core.Artifacts;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Core.Stages;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Gates;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;

namespace Rampart.Engine.Runs;

/// <summary>
/// Runs a pipeline for one commit: built-in stages before the jobs, the jobs in dependency order
/// (independent ones in parallel, a failure skipping every dependant), stages after the jobs, then
/// the severity gate over all findings. Every state change is recorded as it happens.
/// </summary>
public sealed class PipelineRunner
{
    private readonly EngineOptions _options;
    private readonly IRunStore _store;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly JobRunner _jobs;
    private readonly StageRunner _stages;

    public PipelineRunner(EngineOptions options, IStepExecutor executor, IRunStore store, IArtifactStore artifacts,
        IReadOnlyList<IStage> stages, ISecretSource secrets, SecretMasker masker, IRunObserver observer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _store = store;
        _observer = observer;
        _time = time ?? TimeProvider.System;
        _jobs = new JobRunner(options, executor, store, new ArtifactCollector(artifacts), secrets, masker, observer, _time);
        _stages = new StageRunner(stages, artifacts, observer, options.LogsDirectory);
    }

    public async Task<RunRecord> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await _store.CreateRunAsync(new RunRecord
        {
            Pipeline = request.Pipeline.Name,
            Repository = request.Source.RepositoryRoot,
            Ref = request.Source.Ref,
            Commit = request.Source.Commit,
            Event = request.Event,
            Status = Outcome.Running,
            StartedAt = _time.GetUtcNow(),
        }, CancellationToken.None).ConfigureAwait(false);
        _observer.RunStarted(run);

        var findings = new List<Finding>();
        Outcome status;
        string? error;
        try
        {
            (status, error) = await RunPhasesAsync(run, request, findings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            (status, error) = (Outcome.Cancelled, "run cancelled");
        }
        catch (SourceException e)
        {
            (status, error) = (Outcome.Failed, e.Message);
        }

        await _store.AddFindingsAsync(run.Id, findings, CancellationToken.None).ConfigureAwait(false);
        var finished = run with { Status = status, Error = error, FinishedAt = _time.GetUtcNow() };
        await _store.UpdateRunAsync(finished, CancellationToken.None).ConfigureAwait(false);
        _observer.RunFinished(finished);
        return finished;
    }

    private async Task<(Outcome, string?)> RunPhasesAsync(RunRecord run, RunRequest request, List<Finding> findings, CancellationToken cancellationToken)
    {
        using var source = _stages.Any(StagePhase.BeforeJobs) || _stages.Any(StagePhase.AfterJobs)
            ? JobDirectory.Create(_options.JobsDirectory, $"r{run.Id}-stages")
            : null;
        var projectRoot = "";
        if (source is not null)
        {
            await GitSource.CheckoutAsync(request.Source, source.Workspace, cancellationToken).ConfigureAwait(false);
            projectRoot = Path.Combine(source.Workspace, request.Source.ProjectPath);
        }

        var produced = new List<ArtifactRecord>();
        var beforeError = await _stages.RunAsync(StagePhase.BeforeJobs, run, source?.Workspace ?? "", projectRoot, [], findings, produced, cancellationToken).ConfigureAwait(false);
        await RecordStageArtifactsAsync(produced).ConfigureAwait(false);
        if (beforeError is not null)
            return (Outcome.Failed, beforeError);

        var (jobsOutcome, jobsError, artifacts) = await RunJobsAsync(run, request, cancellationToken).ConfigureAwait(false);
        if (jobsOutcome != Outcome.Succeeded)
            return (jobsOutcome, jobsError);

        var afterError = await _stages.RunAsync(StagePhase.AfterJobs, run, source?.Workspace ?? "", projectRoot, artifacts, findings, produced, cancellationToken).ConfigureAwait(false);
        await RecordStageArtifactsAsync(produced).ConfigureAwait(false);
        if (afterError is not null)
            return (Outcome.Failed, afterError);

        var decision = new SeverityGate(request.Pipeline.Gate.Disabled ? null : request.Pipeline.Gate.FailOn).Evaluate(findings);
        if (findings.Count > 0)
            _observer.Notice($"gate: {decision.Summary}");
        return decision.Passed ? (Outcome.Succeeded, null) : (Outcome.Failed, "gate failed: " + decision.Summary);
    }

    // Stage outputs (an SBOM) are kept with the run even when the stage or the gate then fails it.
    private async Task RecordStageArtifactsAsync(List<ArtifactRecord> produced)
    {
        foreach (var artifact in produced)
            await _store.AddArtifactAsync(artifact, CancellationToken.None).ConfigureAwait(false);
        produced.Clear();
    }

    private async Task<(Outcome, string?, IReadOnlyList<ArtifactRecord>)> RunJobsAsync(RunRecord run, RunRequest request, CancellationToken cancellationToken)
    {
        var jobs = request.Pipeline.Jobs;
        var states = jobs.ToDictionary(j => j.Name, _ => Outcome.Pending, StringComparer.Ordinal);
        var running = new Dictionary<Task<JobOutcome>, JobDefinition>();
        var artifacts = new List<ArtifactRecord>();
        string? firstError = null;
        using var slots = new SemaphoreSlim(Math.Max(1, _options.MaxParallelJobs));

        foreach (var job in jobs)
            await _store.SaveJobAsync(new JobRecord { RunId = run.Id, Name = job.Name, Status = Outcome.Pending, Environment = job.Environment }, CancellationToken.None).ConfigureAwait(false);

        while (true)
        {
            var progressed = true;
            while (progressed)
            {
                progressed = false;
                foreach (var job in jobs.Where(j => states[j.Name] == Outcome.Pending))
                {
                    var needs = job.Needs.Select(n => states[n]).ToList();
                    if (needs.Any(s => s is Outcome.Failed or Outcome.Skipped or Outcome.TimedOut or Outcome.Cancelled))
                    {
                        states[job.Name] = Outcome.Skipped;
                        var blocker = job.Needs.First(n => states[n] is not Outcome.Succeeded);
                        await RecordJobAsync(run, job, Outcome.Skipped, $"needs '{blocker}', which did not succeed", null).ConfigureAwait(false);
                        progressed = true;
                    }
                    else if (needs.All(s => s == Outcome.Succeeded))
                    {
                        states[job.Name] = Outcome.Running;
                        running.Add(StartJobAsync(run, request, job, slots, cancellationToken), job);
                    }
                }
            }

            if (running.Count == 0)
                break;
            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var finishedJob = running[done];
            running.Remove(done);
            var outcome = await done.ConfigureAwait(false);
            states[finishedJob.Name] = outcome.Outcome;
            firstError ??= outcome.Outcome == Outcome.Succeeded ? null : $"job '{finishedJob.Name}': {outcome.Error}";
            artifacts.AddRange(outcome.Artifacts.Select(a => new ArtifactRecord(run.Id, finishedJob.Name, a.Name, a.Digest, a.Size)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var succeeded = states.Values.All(s => s == Outcome.Succeeded);
        return (succeeded ? Outcome.Succeeded : Outcome.Failed, firstError, artifacts);
    }

    private async Task<JobOutcome> StartJobAsync(RunRecord run, RunRequest request, JobDefinition job, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetUtcNow();
        try
        {
            await _store.SaveJobAsync(new JobRecord { RunId = run.Id, Name = job.Name, Status = Outcome.Running, StartedAt = started, Environment = job.Environment }, CancellationToken.None).ConfigureAwait(false);
            JobOutcome outcome;
            try
            {
                outcome = await _jobs.RunAsync(run, request, job, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SourceException or SandboxUnavailableException or IOException or UnauthorizedAccessException)
            {
                outcome = new JobOutcome(Outcome.Failed, e.Message, []);
            }

            await RecordJobAsync(run, job, outcome.Outcome, outcome.Error, started).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RecordJobAsync(RunRecord run, JobDefinition job, Outcome outcome, string? error, DateTimeOffset? started)
    {
        await _store.SaveJobAsync(new JobRecord
        {
            RunId = run.Id, Name = job.Name, Status = outcome, StartedAt = started,
            FinishedAt = _time.GetUtcNow(), Environment = job.Environment, Error = error,
        }, CancellationToken.None).ConfigureAwait(false);
        _observer.JobFinished(job.Name, outcome, error);
    }
}
