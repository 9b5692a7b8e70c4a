using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rampart.Core.Audit;
using Rampart.Core.Evidence;
using Rampart.Core.Policy;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Source;
using Rampart.Server.Deployments;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Carries runs from trigger to finish on this replica: reads the pipeline from the commit, runs the
/// server's stages, hands jobs to runners, gates, signs and records. Each run is held under a lease
/// in the database; when this replica dies, another one carries the run on (jobs already queued or
/// finished are not run again).
/// </summary>
public sealed class RunOrchestrator(ServiceDatabase database, ServerOptions options, ServerWiring wiring, JobSignals signals,
    ServerMetrics metrics, ILogger<RunOrchestrator> logger, IServiceProvider services) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Carried> _active = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly PreparationGate _preparation = new(PreparationGate.DefaultPlaces);

    /// <summary>Starts carrying the run unless this or another live replica already does.</summary>
    public Task<bool> TryStartAsync(long runId) => TryStartAsync(runId, null);

    /// <summary>As <see cref="TryStartAsync(long)"/>, for a run just recorded here; owns <paramref name="fresh"/>'s early fetch.</summary>
    internal async Task<bool> TryStartAsync(long runId, FreshRun? fresh)
    {
        try
        {
            if (_shutdown.IsCancellationRequested || _active.ContainsKey(runId))
                return false;
            if (!await database.Triggers.TryLeaseRunAsync(runId, options.ReplicaId, wiring.Time.GetUtcNow(), RunLease, CancellationToken.None).ConfigureAwait(false))
                return false;
            // Not linked to shutdown: a run this replica stops carrying is carried on by another, not cancelled.
            var carried = new Carried(fresh);
            if (!_active.TryAdd(runId, carried))
            {
                carried.Stop.Dispose();
                return false;
            }

            // Started only once in _active, which CarryAsync leaves when it ends; the carry owns the early fetch now.
            fresh = null;
            _ = Task.Run(() => CarryAsync(runId, carried));
            return true;
        }
        finally
        {
            fresh?.Early?.Dispose();
        }
    }

    /// <summary>
    /// Takes a preparation place if one is free right now and starts fetching the commit into the
    /// mirror. Null when the gate is full: the run then waits for its turn like any other, so a burst
    /// of triggers still runs no more git processes at once than the gate allows.
    /// </summary>
    internal EarlyFetch? TryBeginFetch(RepositoryRecord repository, string commit)
    {
        if (_shutdown.IsCancellationRequested || !_preparation.TryEnter(out var place))
            return null;
        var token = _shutdown.Token;
        var mirror = Task.Run(() => FetchAsync(repository, commit, token), CancellationToken.None);
        // Observed here too: a fetch whose run is never carried here (shutdown, a lost race) would fail unobserved.
        _ = mirror.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new EarlyFetch(place, mirror);
    }

    /// <summary>Cancels a run carried here; false when this replica does not carry it.</summary>
    public bool Cancel(long runId)
    {
        if (!_active.TryGetValue(runId, out var active))
            return false;
        active.Stop.Cancel();
        return true;
    }

    public int ActiveRuns => _active.Count;

    private TimeSpan RunLease => options.JobLease;

    private async Task CarryAsync(long runId, Carried carried)
    {
        var stop = carried.Stop;
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, _shutdown.Token);
        var renewal = RenewLeaseAsync(runId, carried, renewing.Token);
        try
        {
            await RunAsync(runId, carried).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (carried.LeaseLost)
        {
            logger.LogWarning("run {RunId}: stopped here; the replica that holds its lease carries it on", runId);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            logger.LogError(e, "run {RunId} failed in the server", runId);
            await FailRunAsync(runId, "internal error in the server: " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if (!_shutdown.IsCancellationRequested)
                await database.Triggers.ReleaseRunAsync(runId, options.ReplicaId, CancellationToken.None).ConfigureAwait(false);
            _active.TryRemove(runId, out _);
            stop.Dispose();
        }
    }

    private async Task RenewLeaseAsync(long runId, Carried carried, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RunLease / 3, wiring.Time, cancellationToken).ConfigureAwait(false);
                if (!await database.Triggers.TryLeaseRunAsync(runId, options.ReplicaId, wiring.Time.GetUtcNow(), RunLease, cancellationToken).ConfigureAwait(false))
                {
                    logger.LogWarning("run {RunId}: lease taken by another replica; stopping here", runId);
                    carried.LeaseLost = true;
                    await carried.Stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(long runId, Carried carried)
    {
        var cancellationToken = carried.Stop.Token;
        if ((carried.Fresh ?? await LoadAsync(runId).ConfigureAwait(false)) is not { } fresh)
            return;
        var (trigger, repository) = (fresh.Trigger, fresh.Repository);
        // Held until the run queues its first job (or ends): see PreparationGate.
        PreparationGate.Place preparing;
        if (fresh.Early is { } early)
        {
            preparing = early.Place;
        }
        else
        {
            try
            {
                preparing = await _preparation.EnterAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested && !carried.LeaseLost)
            {
                await FailRunAsync(runId, "run cancelled before it started", Outcome.Cancelled).ConfigureAwait(false);
                return;
            }
        }

        using var place = preparing;
        var observer = new ServerRunObserver(database.Logs, runId);
        var prepared = await PrepareAsync(trigger, repository, fresh.Early?.Mirror, cancellationToken).ConfigureAwait(false);
        if (prepared.Error is { } error)
        {
            await FailRunAsync(runId, error).ConfigureAwait(false);
            return;
        }

        var (policy, lifetime) = await prepared.Policy!.ConfigureAwait(false);
        var timing = new PreparationTiming(metrics, wiring.Time, fresh.Since, prepared.Fetch, prepared.Fetched);
        using (lifetime)
        {
            var deployGate = services.GetRequiredService<DeployGate>();
            var template = new JobPayload
            {
                Job = "", Repository = repository.Name, CloneUrl = repository.CloneUrl, Commit = trigger.Commit, Ref = trigger.Ref,
                Branch = prepared.Revision!.Branch, Event = trigger.Event, Trusted = trigger.Trusted, PipelineText = prepared.Text!,
                PipelineDigest = prepared.Digest!, Pipeline = prepared.Pipeline!.Name,
            };
            var runner = new PipelineRunner(
                new EngineOptions(options.StateDirectory) { MaxParallelJobs = 256, Policy = policy, JobsDirectory = Path.Combine(wiring.CacheDirectory, "jobs") },
                new ServerOnlyExecutor(), database.Runs, wiring.Artifacts, wiring.Stages(database.Runs), new NoJobSecrets(), new SecretMasker(),
                wiring.Audit, observer, wiring.Time)
            {
                Signer = wiring.Signer,
                DeployVerifier = wiring.DeployVerifier,
                DeployGate = deployGate,
                Abandoned = () => carried.LeaseLost,
                JobExecutor = new DeployJobExecutor(new RemoteJobDispatch(database, signals, wiring.Time, options.MaxAttempts, template, () => { timing.FirstJobQueued(); preparing.Leave(); }, () => carried.LeaseLost),
                    database, wiring, deployGate, services.GetRequiredService<GitOpsWriter>()),
            };
            var request = new RunRequest(prepared.Pipeline, prepared.Revision, trigger.Event)
            {
                Trusted = trigger.Trusted, RepositoryName = repository.Name, RepositoryLabel = repository.Name,
                PipelineDigest = prepared.Digest, Existing = fresh.Run,
                RepositoryUri = Path.IsPathRooted(repository.CloneUrl) ? PipelineRunner.RepositoryUri(repository.CloneUrl) : "git+" + repository.CloneUrl,
            };
            var finished = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
            await observer.FlushAsync().ConfigureAwait(false);
            metrics.RecordRunFinished(finished.Status.ToString().ToLowerInvariant(), (finished.FinishedAt ?? finished.StartedAt) - finished.StartedAt);
            if (finished.Error?.StartsWith("gate failed: policy", StringComparison.Ordinal) == true)
                metrics.RecordGateFailure("policy");
            else if (finished.Error?.StartsWith("gate failed", StringComparison.Ordinal) == true)
                metrics.RecordGateFailure("severity");
        }
    }

    // A run carried on after another replica (or this one's last start) recorded it: read back what a fresh run holds.
    private async Task<FreshRun?> LoadAsync(long runId)
    {
        var trigger = await database.Triggers.GetTriggerAsync(runId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} has no trigger");
        var repository = await database.Repositories.GetRepositoryAsync(trigger.RepositoryId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId}: repository {trigger.RepositoryId} is gone");
        var details = await database.Runs.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
        return details is null || details.Run.Status is not (Outcome.Pending or Outcome.Running)
            ? null
            : new FreshRun(trigger, repository, details.Run, null, wiring.Time.GetTimestamp());
    }

    private async Task<(string Path, TimeSpan Took)> FetchAsync(RepositoryRecord repository, string commit, CancellationToken cancellationToken)
    {
        var started = wiring.Time.GetTimestamp();
        var mirror = await GitMirror.EnsureAsync(wiring.CacheDirectory, repository.CloneUrl, commit, cancellationToken).ConfigureAwait(false);
        return (mirror, wiring.Time.GetElapsedTime(started));
    }

    private async Task<PreparedRun> PrepareAsync(RunTrigger trigger, RepositoryRecord repository, Task<(string Path, TimeSpan Took)>? fetching, CancellationToken cancellationToken)
    {
        Task<(IPolicyEvaluator?, IDisposable?)>? policy = null;
        try
        {
            var (mirror, fetchTook) = await (fetching ?? FetchAsync(repository, trigger.Commit, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
            var fetched = wiring.Time.GetTimestamp();
            var branch = trigger.Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? trigger.Ref["refs/heads/".Length..] : null;
            var revision = new SourceRevision(mirror, "", trigger.Ref, trigger.Commit, branch, Dirty: false);
            if (await CommitPolicy.CheckAsync(options, repository, revision, cancellationToken).ConfigureAwait(false) is { } refusal)
                return PreparedRun.Failed(refusal);
            // The policy is read from the same commit beside the pipeline file: two git processes at once.
            policy = wiring.Policy is { } policyFactory ? Task.Run(() => policyFactory(revision, cancellationToken), CancellationToken.None) : Task.FromResult<(IPolicyEvaluator?, IDisposable?)>((null, null));
            var text = await GitSource.ReadPipelineAsync(revision, cancellationToken).ConfigureAwait(false);
            string? error = null;
            PipelineLoadResult? loaded = null;
            if (text is null)
                error = $"{revision.PipelinePath}: no pipeline file at {trigger.Commit}";
            else if (!(loaded = PipelineLoader.Parse(text, revision.PipelinePath)).Succeeded)
                error = string.Join("; ", loaded.Diagnostics.Take(5).Select(d => d.ToString()));
            if (error is null)
                return new PreparedRun(revision, text, Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text!)).ToString(), loaded!.Pipeline, null, policy)
                {
                    Fetch = fetchTook, Fetched = fetched,
                };
            await DiscardAsync(policy).ConfigureAwait(false);
            return PreparedRun.Failed(error);
        }
        catch (SourceException e)
        {
            if (policy is not null)
                await DiscardAsync(policy).ConfigureAwait(false);
            return PreparedRun.Failed(e.Message);
        }
    }

    // A policy read for a run that fails before it needs one: released, and its errors are moot.
    private static async Task DiscardAsync(Task<(IPolicyEvaluator?, IDisposable? Lifetime)> policy)
    {
        try
        {
            (await policy.ConfigureAwait(false)).Lifetime?.Dispose();
        }
#pragma warning disable CA1031 // the run already failed for a reason of its own
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task FailRunAsync(long runId, string error, Outcome outcome = Outcome.Failed)
    {
        if (await database.Runs.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false) is not { } details)
            return;
        var now = wiring.Time.GetUtcNow();
        var name = outcome.ToString().ToLowerInvariant();
        var failed = details.Run with { Status = outcome, Error = error, FinishedAt = now };
        await database.Runs.UpdateRunAsync(failed, CancellationToken.None).ConfigureAwait(false);
        await database.Queue.CancelRunAsync(runId, error, now, CancellationToken.None).ConfigureAwait(false);
        await database.Logs.AppendLogAsync(runId, ServerRunObserver.RunLog, 0, $"run {runId} {name}: {error}\n", CancellationToken.None).ConfigureAwait(false);
        await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.RunFinished, "server", $"run/{runId}", new Dictionary<string, string>
        {
            ["outcome"] = name, ["reason"] = error, ["commit"] = failed.Commit,
        }), CancellationToken.None).ConfigureAwait(false);
        metrics.RecordRunFinished(name, now - failed.StartedAt);
    }

    /// <summary>
    /// Stops taking runs and stops renewing the leases of those carried here: they lapse within a
    /// lease, and the next sweep of any replica (or of this server's next start) carries them on.
    /// </summary>
    public async ValueTask DisposeAsync() => await _shutdown.CancelAsync().ConfigureAwait(false);

    /// <summary>A run this replica carries: its stop switch, and whether it stopped because another replica took its lease.</summary>
    private sealed class Carried(FreshRun? fresh)
    {
        /// <summary>What this replica knew when it recorded the run; null for a run carried on from the database.</summary>
        public FreshRun? Fresh { get; } = fresh;

        public CancellationTokenSource Stop { get; } = new();
        public volatile bool LeaseLost;
    }

    private sealed record PreparedRun(SourceRevision? Revision, string? Text, string? Digest, PipelineDefinition? Pipeline, string? Error,
        Task<(IPolicyEvaluator? Policy, IDisposable? Lifetime)>? Policy = null)
    {
        public TimeSpan Fetch { get; init; }

        /// <summary>When the commit was in the mirror (a <see cref="TimeProvider"/> timestamp).</summary>
        public long Fetched { get; init; }

        public static PreparedRun Failed(string error) => new(null, null, null, null, error);
    }
}
