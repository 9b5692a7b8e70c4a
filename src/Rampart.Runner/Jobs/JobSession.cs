using System.Text;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Service.Protocol;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;

namespace Rampart.Runner.Jobs;

/// <summary>
/// One job on this runner: fetch the commit, check the pipeline text is what the server validated,
/// run the job in the sandbox while heartbeating and streaming, upload its artifacts, report.
/// </summary>
internal sealed class JobSession(RunnerSettings settings, RunnerClient client, IStepExecutor executor, Action<string> print)
{
    public async Task RunAsync(JobAssignment assignment, CancellationToken cancellationToken)
    {
        var payload = assignment.Payload;
        print($"job {payload.Job} of run {payload.RunId} ({payload.Repository} {payload.Commit[..Math.Min(12, payload.Commit.Length)]}), attempt {assignment.Attempt}");
        await using var events = new EventStream(client, assignment.JobId);
        events.Start();
        using var job = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, events.Lost);
        var heartbeat = HeartbeatAsync(assignment, job);
        JobOutcome outcome;
        try
        {
            outcome = await ExecuteAsync(assignment, events, job.Token).ConfigureAwait(false);
        }
        catch (SourceException e)
        {
            outcome = new JobOutcome(Outcome.Failed, e.Message, []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new JobOutcome(Outcome.Cancelled, "the server took the job back (cancelled or reaped)", []);
        }
        finally
        {
            await job.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        try
        {
            await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or RunnerServerException)
        {
            print($"job {payload.Job}: could not send the last events ({e.Message})");
        }

        if (events.Lost.IsCancellationRequested)
        {
            print($"job {payload.Job}: no longer ours on the server; nothing reported");
            return;
        }

        var store = new FileSystemArtifactStore(ArtifactsDirectory);
        var completion = new JobCompletion(outcome.Outcome, outcome.Error, [.. outcome.Artifacts.Select(a => new UploadedArtifact(a.Name, a.Digest.ToString(), a.Size))]);
        // The server may be restarting: keep trying to report for a while; if the job was taken
        // back meanwhile, the server says so and the report is dropped.
        var reported = await RetryAsync(async () =>
        {
            foreach (var artifact in outcome.Artifacts)
            {
                await using var content = store.OpenRead(artifact.Digest);
                await client.UploadAsync(assignment.JobId, artifact.Digest, content, CancellationToken.None).ConfigureAwait(false);
            }

            return await client.CompleteAsync(assignment.JobId, completion, CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (!reported)
            print($"job {payload.Job}: the server no longer held it for this runner when it finished");
    }

    private async Task<bool> RetryAsync(Func<Task<bool>> report, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var deadline = DateTimeOffset.UtcNow + ReportPatience;
        while (true)
        {
            try
            {
                return await report().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or RunnerServerException { Status: >= System.Net.HttpStatusCode.InternalServerError } && DateTimeOffset.UtcNow < deadline)
            {
                print($"reporting failed ({e.Message}); retrying in {delay.TotalSeconds:0}s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(15, delay.TotalSeconds * 2));
            }
        }
    }

    private static readonly TimeSpan ReportPatience = TimeSpan.FromMinutes(5);

    private string ArtifactsDirectory => Path.Combine(settings.StateDirectory, "artifacts");

    private async Task<JobOutcome> ExecuteAsync(JobAssignment assignment, EventStream events, CancellationToken cancellationToken)
    {
        var payload = assignment.Payload;
        if (Digest.Sha256(Encoding.UTF8.GetBytes(payload.PipelineText)).ToString() != payload.PipelineDigest)
            return new JobOutcome(Outcome.Failed, "the pipeline text does not match its digest; refusing to run it", []);
        var loaded = PipelineLoader.Parse(payload.PipelineText, ".rampart/pipeline.yml");
        if (loaded.Pipeline?.Jobs.FirstOrDefault(j => j.Name == payload.Job) is not { } definition)
            return new JobOutcome(Outcome.Failed, $"job '{payload.Job}' is not in the pipeline the server sent", []);

        var mirror = await GitMirror.EnsureAsync(Path.Combine(settings.StateDirectory, "cache"), payload.CloneUrl, payload.Commit, cancellationToken).ConfigureAwait(false);
        var revision = new SourceRevision(mirror, payload.ProjectPath, payload.Ref, payload.Commit, payload.Branch, Dirty: false);
        var run = new RunRecord
        {
            Id = payload.RunId, Pipeline = payload.Pipeline, Repository = payload.Repository, Ref = payload.Ref,
            Commit = payload.Commit, Event = payload.Event, Status = Outcome.Running,
        };
        var request = new RunRequest(loaded.Pipeline, revision, payload.Event)
        {
            Trusted = payload.Trusted, RepositoryName = payload.Repository, PipelineDigest = payload.PipelineDigest, Existing = run,
        };
        var execution = new LocalJobExecution(
            new EngineOptions(settings.StateDirectory) { RunnerEnvironment = "self-hosted", JobsDirectory = JobDirectory.DefaultBase },
            executor, new ReportingRunStore(events), new FileSystemArtifactStore(ArtifactsDirectory), new HandedSecrets(assignment.Secrets),
            new SecretMasker(), new ReportingAuditTrail(events), new ReportingObserver(events, print),
            idTokens: payload.Trusted ? new RemoteIdTokenIssuer(client, assignment.JobId, settings.Server) : null);
        await using (execution.ConfigureAwait(false))
            return await execution.RunAsync(run, request, definition, cancellationToken).ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(JobAssignment assignment, CancellationTokenSource job)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, assignment.LeaseSeconds / 3.0));
        while (!job.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, job.Token).ConfigureAwait(false);
                if (!await client.HeartbeatAsync(assignment.JobId, job.Token).ConfigureAwait(false))
                {
                    print($"job {assignment.Payload.Job}: the server took it back; stopping it");
                    await job.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or RunnerServerException)
            {
                // A missed heartbeat is survivable; the lease allows for two more.
            }
        }
    }
}
