using Rampart.Core.Artifacts;
using Rampart.Core.Audit;
using Rampart.Core.Deploy;
using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Identity;
using Rampart.Core.Policy;
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
/// the severity gate over all findings. Every state change is recorded as it happens. When the gate
/// passes, the run is signed, and only then do deploy jobs run, each after a fresh verification
/// (see PipelineRunner.Signing.cs).
/// </summary>
public sealed partial class PipelineRunner
{
    private readonly EngineOptions _options;
    private readonly IRunStore _store;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly JobRunner _jobs;
    private readonly StageRunner _stages;
    private readonly RunAudit _audit;
    private readonly IArtifactStore _artifacts;

    public PipelineRunner(EngineOptions options, IStepExecutor executor, IRunStore store, IArtifactStore artifacts,
        IReadOnlyList<IStage> stages, ISecretSource secrets, SecretMasker masker, IAuditTrail audit, IRunObserver observer,
        TimeProvider? time = null, IIdTokenIssuer? idTokens = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _audit = new RunAudit(audit);
        _store = store;
        _observer = observer;
        _time = time ?? TimeProvider.System;
        _artifacts = artifacts;
        _jobs = new JobRunner(options, executor, store, new ArtifactCollector(artifacts), secrets, masker, _audit, observer, _time, idTokens);
        _stages = new StageRunner(stages, artifacts, observer, options.LogsDirectory);
    }

    /// <summary>
    /// True once the host has stopped carrying the run because another host carries it on (the
    /// service's run lease passed to another replica): a cancellation then records nothing, since
    /// the run is not over.
    /// </summary>
    public Func<bool>? Abandoned { get; init; }

    /// <summary>Where jobs execute; null runs them here in the sandbox. The service sets its runner dispatch.</summary>
    public IJobExecutor? JobExecutor { get; init; }

    public async Task<RunRecord> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One digest of the pipeline file serves the audit trail, the id-token claims and the provenance.
        if (request.PipelineDigest is null)
        {
            var text = await GitSource.ReadPipelineAsync(request.Source, cancellationToken).ConfigureAwait(false) ?? "";
            request = request with { PipelineDigest = Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text)).ToString() };
        }

        var (run, recorded) = await StartRunRecordAsync(request).ConfigureAwait(false);

        var findings = new List<Finding>();
        Outcome status;
        string? error;
        try
        {
            (status, error) = await RunPhasesAsync(run, request, recorded, findings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Abandoned?.Invoke() == true)
        {
            await StepCgroupCleanup.WaitAsync().ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            (status, error) = (Outcome.Cancelled, "run cancelled");
        }
        catch (SourceException e)
        {
            (status, error) = (Outcome.Failed, e.Message);
        }

        await recorded.ConfigureAwait(false);
        await StepCgroupCleanup.WaitAsync().ConfigureAwait(false);
        await _jobs.FlushHandOutsAsync().ConfigureAwait(false);
        await _store.AddFindingsAsync(run.Id, findings, CancellationToken.None).ConfigureAwait(false);
        var finished = run with { Status = status, Error = error, FinishedAt = _time.GetUtcNow() };
        await _store.UpdateRunAsync(finished, CancellationToken.None).ConfigureAwait(false);
        await _audit.RunFinishedAsync(finished).ConfigureAwait(false);
        _observer.RunFinished(finished);
        return finished;
    }

    /// <summary>
    /// Marks the run as running, in the store, the audit trail and the observer. A run the service
    /// recorded when it was triggered is carried on under its id, and that marking (a store write and a
    /// durable ledger entry) is left running beside checking the tree out: <paramref name="request"/>'s
    /// phases wait for it before any stage runs. A new run is recorded first, as its id names everything after.
    /// </summary>
    private async Task<(RunRecord Run, Task Recorded)> StartRunRecordAsync(RunRequest request)
    {
        if (request.Existing is { } existing)
        {
            var running = existing with { Pipeline = request.Pipeline.Name, Status = Outcome.Running };
            return (running, RecordStartAsync(running, request, update: true));
        }

        var created = await _store.CreateRunAsync(new RunRecord
        {
            Pipeline = request.Pipeline.Name,
            Repository = request.RepositoryLabel ?? request.Source.RepositoryRoot,
            Ref = request.Source.Ref,
            Commit = request.Source.Commit,
            Event = request.Event,
            Status = Outcome.Running,
            StartedAt = _time.GetUtcNow(),
        }, CancellationToken.None).ConfigureAwait(false);
        await RecordStartAsync(created, request, update: false).ConfigureAwait(false);
        return (created, Task.CompletedTask);
    }

    private async Task RecordStartAsync(RunRecord run, RunRequest request, bool update)
    {
        if (update)
            await _store.UpdateRunAsync(run, CancellationToken.None).ConfigureAwait(false);
        await _audit.RunStartedAsync(run, request).ConfigureAwait(false);
        _observer.RunStarted(run);
    }

    private async Task<(Outcome, string?)> RunPhasesAsync(RunRecord run, RunRequest request, Task recorded, List<Finding> findings, CancellationToken cancellationToken)
    {
        using var source = _stages.Any(StagePhase.BeforeJobs) || _stages.Any(StagePhase.AfterJobs)
            ? JobDirectory.Create(_options.JobsDirectory, $"r{run.Id}-stages")
            : null;
        var projectRoot = "";
        if (source is not null)
        {
            await GitSource.ExportTreeAsync(request.Source, source.Workspace, cancellationToken).ConfigureAwait(false);
            projectRoot = Path.Combine(source.Workspace, request.Source.ProjectPath);
        }

        await recorded.ConfigureAwait(false);

        var produced = new List<ArtifactRecord>();
        var beforeError = await _stages.RunAsync(StagePhase.BeforeJobs, run, source?.Workspace ?? "", projectRoot, request.Source.RepositoryRoot, request.Trusted, [], findings, produced, cancellationToken).ConfigureAwait(false);
        await RecordStageArtifactsAsync(produced).ConfigureAwait(false);
        if (beforeError is not null)
            return (Outcome.Failed, beforeError);

        var (buildJobs, deployJobs) = SplitDeployPhase(request.Pipeline);
        var states = await RecordPendingJobsAsync(run, request).ConfigureAwait(false);
        var (jobsOutcome, jobsError, artifacts) = await RunJobsAsync(run, request, buildJobs, states, null, cancellationToken).ConfigureAwait(false);
        if (jobsOutcome != Outcome.Succeeded)
            return await SkipDeployJobsAsync(run, deployJobs, states, (jobsOutcome, jobsError)).ConfigureAwait(false);

        var afterError = await _stages.RunAsync(StagePhase.AfterJobs, run, source?.Workspace ?? "", projectRoot, request.Source.RepositoryRoot, request.Trusted, artifacts, findings, produced, cancellationToken).ConfigureAwait(false);
        // Stage outputs (the SBOM) are artifacts of the run: signed, attested and seen by the policy.
        artifacts = [.. artifacts, .. produced];
        await RecordStageArtifactsAsync(produced).ConfigureAwait(false);
        if (afterError is not null)
            return await SkipDeployJobsAsync(run, deployJobs, states, (Outcome.Failed, afterError)).ConfigureAwait(false);

        var decision = new SeverityGate(request.Pipeline.Gate.Disabled ? null : request.Pipeline.Gate.FailOn).Evaluate(findings);
        await _audit.GateDecidedAsync(run, decision).ConfigureAwait(false);
        if (findings.Count > 0)
            _observer.Notice($"gate: {decision.Summary}");
        if (!decision.Passed)
            return await SkipDeployJobsAsync(run, deployJobs, states, (Outcome.Failed, "gate failed: " + decision.Summary)).ConfigureAwait(false);
        if (_options.Policy is { } policy)
        {
            var jobs = request.Pipeline.Jobs.Where(j => !deployJobs.Contains(j))
                .Select(j => new JobRecord { RunId = run.Id, Name = j.Name, Status = Outcome.Succeeded, Environment = j.Environment }).ToList();
            var evidence = RunEvidence.Build(run, jobs, artifacts, findings, request.Trusted);
            var verdict = await policy.EvaluateAsync(evidence, cancellationToken).ConfigureAwait(false);
            _observer.Notice("gate: policy: " + verdict.Summary);
            await _audit.PolicyDecidedAsync(run, verdict.Passed, verdict.Summary).ConfigureAwait(false);
            if (!verdict.Passed)
                return await SkipDeployJobsAsync(run, deployJobs, states, (Outcome.Failed, "gate failed: policy: " + verdict.Summary)).ConfigureAwait(false);
        }

        return await SignAndDeployAsync(run, request, artifacts, deployJobs, states, cancellationToken).ConfigureAwait(false);
    }

    // Stage outputs (an SBOM) are kept with the run even when the stage or the gate then fails it.
    private async Task RecordStageArtifactsAsync(List<ArtifactRecord> produced)
    {
        foreach (var artifact in produced)
            await _store.AddArtifactAsync(artifact, CancellationToken.None).ConfigureAwait(false);
        produced.Clear();
    }

    /// <summary>Runs <paramref name="jobs"/> (one phase) in dependency order; <paramref name="states"/> holds every job of the pipeline.</summary>
    private async Task<(Outcome, string?, IReadOnlyList<ArtifactRecord>)> RunJobsAsync(RunRecord run, RunRequest request,
        IReadOnlyList<JobDefinition> jobs, Dictionary<string, Outcome> states, Func<JobDefinition, CancellationToken, Task<string?>>? admit,
        CancellationToken cancellationToken)
    {
        var running = new Dictionary<Task<JobOutcome>, JobDefinition>();
        var artifacts = new List<ArtifactRecord>();
        string? firstError = null;
        using var slots = new SemaphoreSlim(Math.Max(1, _options.MaxParallelJobs));

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
                        running.Add(StartJobAsync(run, request, job, slots, admit, cancellationToken), job);
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
        var succeeded = jobs.All(j => states[j.Name] == Outcome.Succeeded);
        return (succeeded ? Outcome.Succeeded : Outcome.Failed, firstError, artifacts);
    }

    private async Task<JobOutcome> StartJobAsync(RunRecord run, RunRequest request, JobDefinition job, SemaphoreSlim slots,
        Func<JobDefinition, CancellationToken, Task<string?>>? admit, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetUtcNow();
        try
        {
            await _store.SaveJobAsync(new JobRecord { RunId = run.Id, Name = job.Name, Status = Outcome.Running, StartedAt = started, Environment = job.Environment }, CancellationToken.None).ConfigureAwait(false);
            JobOutcome outcome;
            try
            {
                outcome = admit is not null && await admit(job, cancellationToken).ConfigureAwait(false) is { } refusal
                    ? await _jobs.RefuseAsync(run, job, refusal).ConfigureAwait(false)
                    : JobExecutor is { } executor
                        ? await executor.RunAsync(run, request, job, cancellationToken).ConfigureAwait(false)
                        : await _jobs.RunAsync(run, request, job, cancellationToken).ConfigureAwait(false);
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
        var record = new JobRecord
        {
            RunId = run.Id, Name = job.Name, Status = outcome, StartedAt = started,
            FinishedAt = _time.GetUtcNow(), Environment = job.Environment, Error = error,
        };
        await _store.SaveJobAsync(record, CancellationToken.None).ConfigureAwait(false);
        await _audit.JobFinishedAsync(record).ConfigureAwait(false);
        if (job.Environment is not null && started is not null)
        {
            await _audit.DeployFinishedAsync(record).ConfigureAwait(false);
            if (DeployGate is { } gate)
                await gate.FinishedAsync(new DeployGateRequest(run, job.Name, job.Environment), outcome == Outcome.Succeeded, error, CancellationToken.None).ConfigureAwait(false);
        }
        _observer.JobFinished(job.Name, outcome, error);
    }
}
