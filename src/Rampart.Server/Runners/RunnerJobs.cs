using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rampart.Core.Audit;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Core.Service;
using Rampart.Core.Service.Protocol;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Source;
using Rampart.Server.Hosting;
using Rampart.Server.Metrics;
using Rampart.Server.Orchestration;

namespace Rampart.Server.Runners;

/// <summary>What the server does for a runner's job calls. Each call first checks the runner holds the job.</summary>
internal sealed class RunnerJobs(ServiceDatabase database, ServerOptions options, ServerWiring wiring, JobSignals signals, ServerMetrics metrics)
{
    // Kinds a runner may add to the ledger, always about the job it holds.
    private static readonly HashSet<string> RunnerAuditKinds = [AuditKinds.SecretIssued, AuditKinds.TokenIssued, AuditKinds.StepFinished];

    public ServiceDatabase Database => database;
    public ServerMetrics Metrics => metrics;
    public TimeProvider Time => wiring.Time;

    public async Task<IResult> ClaimAsync(HttpContext context, RunnerRecord runner)
    {
        var wait = TimeSpan.FromSeconds(options.LongPollSeconds);
        if (context.Request.Query["wait"] is [{ } asked] && int.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            wait = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, options.LongPollSeconds));
        var deadline = wiring.Time.GetUtcNow() + wait;
        var cancellationToken = context.RequestAborted;
        // Registered before the first look, so a job queued during it wakes this runner.
        using var waiting = signals.Wait(runner.Labels);
        while (true)
        {
            var now = wiring.Time.GetUtcNow();
            waiting.Looking();
            var job = await database.Queue.ClaimAsync(RunnerEndpoints.IdOf(runner), runner.Labels, now, options.JobLease, cancellationToken).ConfigureAwait(false);
            waiting.Looked(job?.Labels);
            metrics.RecordClaim(job is not null);
            if (job is not null)
                return Results.Json(await AssignAsync(runner, job).ConfigureAwait(false), ProtocolJson.Options);
            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
                return Results.NoContent();
            // A job queued on any replica that fits this runner may wake it (JobSignals); the poll covers a lost wake-up.
            await waiting.WaitAsync(Min(remaining, signals.ClaimPoll), wiring.Time, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<JobAssignment> AssignAsync(RunnerRecord runner, QueuedJob job)
    {
        metrics.RecordDispatch((job.ClaimedAt ?? wiring.Time.GetUtcNow()) - job.EnqueuedAt);
        var payload = ReadPayload(job);
        var definition = JobOf(PipelineOf(payload), payload.Job);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        // Invariant I6: an untrusted run's jobs get no secret, whatever the pipeline asks for.
        // Environment secrets are released only to a deploy job its environment's rules admitted:
        // the gate marks the deployment deploying before the job is queued; anything else gets none.
        var withheld = definition?.Environment is { } environment && !await AdmittedAsync(job, payload, environment).ConfigureAwait(false);
        if (payload.Trusted && definition is not null && !withheld)
        {
            var scope = new SecretScope(payload.Repository, definition.Environment, payload.Branch);
            foreach (var name in definition.Permissions.Secrets.Where(n => !n.StartsWith("RAMPART_", StringComparison.Ordinal)))
            {
                if (await wiring.Secrets.GetAsync(name, scope, CancellationToken.None).ConfigureAwait(false) is { } value)
                    secrets[name] = value;
            }
        }

        await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.JobDispatched, "server", $"run/{job.RunId}/job/{job.Job}", new Dictionary<string, string>
        {
            ["runner"] = runner.Name, ["runner_id"] = RunnerEndpoints.IdOf(runner),
            ["attempt"] = job.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["secrets"] = string.Join(',', secrets.Keys.Order(StringComparer.Ordinal)), ["trusted"] = payload.Trusted ? "true" : "false",
            ["secrets_withheld"] = withheld ? "deploy job not admitted" : "",
        }), CancellationToken.None).ConfigureAwait(false);
        return new JobAssignment(job.Id, job.Attempt, options.JobLeaseSeconds, payload, secrets);
    }

    private async Task<bool> AdmittedAsync(QueuedJob job, JobPayload payload, string environment)
    {
        if (await database.Repositories.FindRepositoryAsync(payload.Repository, CancellationToken.None).ConfigureAwait(false) is not { } repository)
            return false;
        var deployments = await database.Deployments.ListDeploymentsAsync(repository.Id, environment, job.RunId, 100, CancellationToken.None).ConfigureAwait(false);
        return deployments.Any(d => d.Job == job.Job && d.State == DeploymentState.Deploying);
    }

    public async Task<IResult> HeartbeatAsync(RunnerRecord runner, long jobId, CancellationToken cancellationToken)
    {
        var until = wiring.Time.GetUtcNow() + options.JobLease;
        if (await database.Queue.RenewAsync(jobId, RunnerEndpoints.IdOf(runner), until, cancellationToken).ConfigureAwait(false))
            return Results.Json(new JobLeaseStatus(true, until, null), ProtocolJson.Options);
        var job = await database.Queue.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        var reason = job is null ? "no such job" : job.State == QueueState.Cancelled ? "the run was cancelled" : "the job is no longer held by this runner";
        return Results.Json(new JobLeaseStatus(false, null, reason), ProtocolJson.Options, statusCode: StatusCodes.Status410Gone);
    }

    public async Task<IResult> RecordEventsAsync(RunnerRecord runner, long jobId, IReadOnlyList<RunnerEvent> events, CancellationToken cancellationToken)
    {
        if (await HeldAsync(runner, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
            return Gone();
        foreach (var item in events)
        {
            if (item.Step is { } step)
                await database.Runs.SaveStepAsync(step with { RunId = job.RunId, Job = job.Job }, CancellationToken.None).ConfigureAwait(false);
            if (item.Log is { } log)
                await database.Logs.AppendLogAsync(job.RunId, job.Job, log.Step, log.Text, CancellationToken.None).ConfigureAwait(false);
            if (item.Notice is { } notice)
                await database.Logs.AppendLogAsync(job.RunId, job.Job, -1, notice + "\n", CancellationToken.None).ConfigureAwait(false);
            if (item.Audit is { } audit && RunnerAuditKinds.Contains(audit.Kind))
            {
                var details = new Dictionary<string, string>(audit.Details, StringComparer.Ordinal) { ["runner"] = runner.Name };
                await wiring.Audit.AppendAsync(new AuditEvent(audit.Kind, $"runner/{runner.Name}", $"run/{job.RunId}/job/{job.Job}", details), CancellationToken.None).ConfigureAwait(false);
            }
        }

        return Results.NoContent();
    }

    public async Task<IResult> UploadAsync(HttpContext context, RunnerRecord runner, long jobId, string digestText)
    {
        if (!Digest.TryParse(digestText, out var expected))
            return Results.Text($"'{digestText}' is not a sha256:… digest\n", statusCode: StatusCodes.Status400BadRequest);
        if (await HeldAsync(runner, jobId, context.RequestAborted).ConfigureAwait(false) is null)
            return Gone();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxArtifactBytes;
        if (wiring.Artifacts.Contains(expected))
            return Results.NoContent();
        var (digest, _) = await wiring.Artifacts.PutAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        return digest == expected
            ? Results.Created()
            : Results.Text($"content digest {digest} does not match {expected}\n", statusCode: StatusCodes.Status400BadRequest);
    }

    public async Task<IResult> CompleteAsync(RunnerRecord runner, long jobId, JobCompletion completion, CancellationToken cancellationToken)
    {
        if (await HeldAsync(runner, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
            return Gone();
        foreach (var artifact in completion.Artifacts)
        {
            if (!Digest.TryParse(artifact.Digest, out var digest) || !wiring.Artifacts.Contains(digest))
                return Results.Text($"artifact {artifact.Name}: {artifact.Digest} was not uploaded\n", statusCode: StatusCodes.Status400BadRequest);
            if (!IsArtifactName(artifact.Name))
                return Results.Text($"artifact '{artifact.Name}': not a relative path inside the workspace\n", statusCode: StatusCodes.Status400BadRequest);
        }

        var succeeded = completion.Outcome == Outcome.Succeeded;
        var result = JsonSerializer.Serialize(completion, ProtocolJson.Options);
        if (!await database.Queue.CompleteAsync(jobId, RunnerEndpoints.IdOf(runner), succeeded ? QueueState.Succeeded : QueueState.Failed, result, wiring.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            return Gone();
        if (succeeded)
        {
            foreach (var artifact in completion.Artifacts)
                await database.Runs.AddArtifactAsync(new ArtifactRecord(job.RunId, job.Job, artifact.Name, Digest.TryParse(artifact.Digest, out var d) ? d : default, artifact.Size), CancellationToken.None).ConfigureAwait(false);
        }

        signals.NotifyFinished(jobId);
        if (runner.Ephemeral)
            await database.Runners.RemoveRunnerAsync(runner.Id, CancellationToken.None).ConfigureAwait(false);
        return Results.NoContent();
    }

    public async Task<IResult> IssueIdTokenAsync(RunnerRecord runner, long jobId, string? audience, CancellationToken cancellationToken)
    {
        if (await HeldAsync(runner, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
            return Gone();
        var payload = ReadPayload(job);
        var pipeline = PipelineOf(payload);
        var definition = JobOf(pipeline, payload.Job);
        if (wiring.IdTokens is not { } issuer)
            return Results.Text("this server has no OIDC issuer (rampart oidc init)\n", statusCode: StatusCodes.Status409Conflict);
        if (!payload.Trusted || definition is null || !definition.Permissions.IdToken)
            return Results.Text("this job may not have an id-token (untrusted run, or no id-token: write)\n", statusCode: StatusCodes.Status403Forbidden);
        if (string.IsNullOrWhiteSpace(audience) || audience.Length > 256)
            return Results.Text("audience: 1 to 256 characters\n", statusCode: StatusCodes.Status400BadRequest);

        // The claims come from what the server knows about the run, not from the runner.
        var run = new RunRecord { Id = job.RunId, Pipeline = payload.Pipeline, Repository = payload.Repository, Ref = payload.Ref, Commit = payload.Commit, Event = payload.Event };
        var revision = new SourceRevision("", payload.ProjectPath, payload.Ref, payload.Commit, payload.Branch, false);
        var request = new RunRequest(pipeline!, revision, payload.Event) { Trusted = payload.Trusted, RepositoryName = payload.Repository, PipelineDigest = payload.PipelineDigest };
        var token = await issuer.IssueAsync(JobTokenClaims.Describe(run, request, definition, audience, "self-hosted"), cancellationToken).ConfigureAwait(false);
        await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.TokenIssued, "server", $"run/{job.RunId}/job/{job.Job}", new Dictionary<string, string>
        {
            ["audience"] = audience, ["subject"] = token.Subject, ["expires_at"] = token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["token_id"] = token.TokenId, ["key_id"] = token.KeyId, ["runner"] = runner.Name,
        }), CancellationToken.None).ConfigureAwait(false);
        return Results.Json(token, ProtocolJson.Options);
    }

    private async Task<QueuedJob?> HeldAsync(RunnerRecord runner, long jobId, CancellationToken cancellationToken)
    {
        var job = await database.Queue.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is { State: QueueState.Running } && job.RunnerId == RunnerEndpoints.IdOf(runner) ? job : null;
    }

    private static IResult Gone() => Results.Text("this runner does not hold that job (finished, reaped, cancelled or someone else's)\n", statusCode: StatusCodes.Status410Gone);

    private static JobPayload ReadPayload(QueuedJob job) =>
        JsonSerializer.Deserialize<JobPayload>(job.Payload, ProtocolJson.Options) ?? throw new InvalidOperationException($"job {job.Id} has no payload");

    private static PipelineDefinition? PipelineOf(JobPayload payload) => PipelineLoader.Parse(payload.PipelineText, ".rampart/pipeline.yml").Pipeline;

    private static JobDefinition? JobOf(PipelineDefinition? pipeline, string job) => pipeline?.Jobs.FirstOrDefault(j => j.Name == job);

    private static bool IsArtifactName(string name) =>
        name.Length is > 0 and <= 1024 && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal)
        && name.Split('/').All(part => part is not ("" or "." or "..")) && !name.Any(char.IsControl);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
