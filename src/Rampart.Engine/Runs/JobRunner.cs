using System.Text.RegularExpressions;
using Rampart.Core.Identity;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Identity;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;

namespace Rampart.Engine.Runs;

/// <summary>Runs one job: fresh checkout, its steps in order in the sandbox, then its artifacts.</summary>
internal sealed partial class JobRunner
{
    private readonly EngineOptions _options;
    private readonly IStepExecutor _executor;
    private readonly IRunStore _store;
    private readonly ArtifactCollector _collector;
    private readonly ISecretSource _secrets;
    private readonly SecretMasker _masker;
    private readonly RunAudit _audit;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly IIdTokenIssuer? _idTokens;
    private readonly HandOutLog _handOuts;

    public JobRunner(EngineOptions options, IStepExecutor executor, IRunStore store, ArtifactCollector collector,
        ISecretSource secrets, SecretMasker masker, RunAudit audit, IRunObserver observer, TimeProvider time, IIdTokenIssuer? idTokens)
    {
        _audit = audit;
        _idTokens = idTokens;
        _handOuts = new HandOutLog(audit);
        _options = options;
        _executor = executor;
        _store = store;
        _collector = collector;
        _secrets = secrets;
        _masker = masker;
        _observer = observer;
        _time = time;
    }

    /// <summary>Waits until every secret and token hand-out of the run is in the audit trail.</summary>
    public Task FlushHandOutsAsync() => _handOuts.FlushAsync();

    public async Task<JobOutcome> RunAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken)
    {
        _observer.JobStarted(job.Name);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(job.Timeout);
        var jobEnd = _time.GetUtcNow() + job.Timeout;

        var secrets = await ResolveSecretsAsync(run, request, job, cancellationToken).ConfigureAwait(false);
        if (secrets.Error is { } secretError)
        {
            await SkipStepsAsync(run, job, 0).ConfigureAwait(false);
            return new JobOutcome(Outcome.Failed, secretError, []);
        }

        var wantsToken = job.Permissions.IdToken && request.Trusted;
        if (job.Permissions.IdToken && !request.Trusted)
            _observer.Notice($"{job.Name}: id-token withheld: the run was triggered by an untrusted event");
        if (wantsToken && _idTokens is null)
        {
            await SkipStepsAsync(run, job, 0).ConfigureAwait(false);
            return new JobOutcome(Outcome.Failed, "the job has id-token: write but no OIDC issuer is configured (rampart oidc init --issuer URL)", []);
        }

        if (job.Network.Mode == NetworkMode.AllowList)
            _observer.Notice($"{job.Name}: network allow-lists are not enforced yet; the job runs with no network");

        using var directory = JobDirectory.Create(_options.JobsDirectory, $"r{run.Id}-{job.Name}");
        await GitSource.CheckoutAsync(request.Source, directory.Workspace, cancellationToken).ConfigureAwait(false);
        directory.HandToStepUser();

        string? currentStep = null;
        var asFiles = job.Permissions.SecretsAs == SecretDelivery.Files && secrets.Values.Count > 0;
        using var files = asFiles ? SecretFiles.Create(secrets.Values) : null;
        await using var tokens = wantsToken
            ? JobTokenEndpoint.Start(_options.JobsDirectory, _idTokens!, audience => DescribeJob(run, request, job, audience),
                (token, audience) => _handOuts.Record(new HandOut(_time.GetUtcNow(), run.Id, job.Name, currentStep, HandOutKind.IdToken, audience,
                    $"jti={token.TokenId} kid={token.KeyId} sub={token.Subject} exp={token.ExpiresAt:O}")),
                _masker)
            : null;
        var grants = new JobGrants(asFiles ? new Dictionary<string, string>() : secrets.Values, [.. secrets.Values.Keys], files, tokens);

        for (var index = 0; index < job.Steps.Count; index++)
        {
            var step = job.Steps[index];
            currentStep = step.Name;
            var remaining = jobEnd - _time.GetUtcNow();
            var timeout = step.Timeout is { } own && own < remaining ? own : remaining;
            var outcome = await RunStepAsync(run, request, job, step, index, directory, grants, timeout, deadline.Token).ConfigureAwait(false);
            if (outcome != Outcome.Succeeded)
            {
                await SkipStepsAsync(run, job, index + 1).ConfigureAwait(false);
                var error = outcome == Outcome.TimedOut ? $"step '{step.Name}' timed out" : $"step '{step.Name}' failed";
                return new JobOutcome(outcome == Outcome.Cancelled ? Outcome.Cancelled : Outcome.Failed, error, []);
            }
        }

        try
        {
            var root = Path.Combine(directory.Workspace, request.Source.ProjectPath);
            var artifacts = job.Artifacts.Count == 0
                ? []
                : await _collector.CollectAsync(root, job.Artifacts, cancellationToken).ConfigureAwait(false);
            foreach (var artifact in artifacts)
                await _store.AddArtifactAsync(new ArtifactRecord(run.Id, job.Name, artifact.Name, artifact.Digest, artifact.Size), CancellationToken.None).ConfigureAwait(false);
            return new JobOutcome(Outcome.Succeeded, null, artifacts);
        }
        catch (ArtifactPathException e)
        {
            return new JobOutcome(Outcome.Failed, e.Message, []);
        }
    }

    /// <summary>Fails a job without running any step (a deploy whose artifacts did not verify).</summary>
    public async Task<JobOutcome> RefuseAsync(RunRecord run, JobDefinition job, string reason)
    {
        _observer.JobStarted(job.Name);
        await SkipStepsAsync(run, job, 0).ConfigureAwait(false);
        return new JobOutcome(Outcome.Failed, reason, []);
    }

    private async Task<Outcome> RunStepAsync(RunRecord run, RunRequest request, JobDefinition job, StepDefinition step, int index,
        JobDirectory directory, JobGrants grants, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var logRelative = Path.Combine("runs", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "logs", job.Name, $"{index + 1:00}-{Slug(step.Name)}.log");
        var record = new StepRecord
        {
            RunId = run.Id, Job = job.Name, Index = index, Name = step.Name,
            Status = Outcome.Running, StartedAt = _time.GetUtcNow(), LogPath = logRelative,
        };
        await _store.SaveStepAsync(record, CancellationToken.None).ConfigureAwait(false);
        _observer.StepStarted(job.Name, index, step.Name);

        SandboxResult? result = null;
        Outcome outcome;
        using (var log = new StepLog(Path.Combine(_options.StateDirectory, logRelative), _masker, text => _observer.StepOutput(job.Name, index, text)))
        {
            try
            {
                if (timeout <= TimeSpan.Zero)
                    throw new OperationCanceledException();
                var env = StepEnvironment.Build(run, request, job, step, grants.EnvironmentSecrets);
                if (grants.Tokens is { } tokens)
                {
                    env["RAMPART_ID_TOKEN_REQUEST_URL"] = JobTokenEndpoint.RequestUrl;
                    env["RAMPART_ID_TOKEN_REQUEST_TOKEN"] = tokens.RequestToken;
                }

                var sandboxRequest = new SandboxRequest(directory.Path, request.Source.ProjectPath, step.Run, env,
                    job.Network.Mode == NetworkMode.All ? NetworkMode.All : NetworkMode.None, job.Limits, timeout)
                {
                    Mounts = grants.Mounts,
                };
                foreach (var name in grants.SecretNames)
                    _handOuts.Record(new HandOut(_time.GetUtcNow(), run.Id, job.Name, step.Name, HandOutKind.Secret, name, grants.Files is null ? "env" : "file"));
                result = await _executor.RunAsync(sandboxRequest, log.WriteBytes, cancellationToken).ConfigureAwait(false);
                if (result.LimitMessage is { } message)
                    log.WriteEngineLine(message);
                outcome = result.TimedOut ? Outcome.TimedOut : result.Succeeded ? Outcome.Succeeded : Outcome.Failed;
            }
            catch (OperationCanceledException)
            {
                log.WriteEngineLine("job time limit reached or run cancelled; step stopped");
                outcome = Outcome.TimedOut;
            }
        }

        var finished = record with { Status = outcome, ExitCode = result?.ExitCode, FinishedAt = _time.GetUtcNow() };
        await _store.SaveStepAsync(finished, CancellationToken.None).ConfigureAwait(false);
        await _audit.StepFinishedAsync(finished).ConfigureAwait(false);
        _observer.StepFinished(job.Name, index, step.Name, outcome, result);
        return outcome;
    }

    private async Task<(IReadOnlyDictionary<string, string> Values, string? Error)> ResolveSecretsAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (job.Permissions.Secrets.Count == 0)
            return (values, null);
        if (!request.Trusted)
        {
            _observer.Notice($"{job.Name}: secrets withheld: the run was triggered by an untrusted event");
            return (values, null);
        }

        var scope = new SecretScope(request.EffectiveRepositoryName, job.Environment, request.Source.Branch);
        foreach (var name in job.Permissions.Secrets)
        {
            string? value;
            try
            {
                value = await _secrets.GetAsync(name, scope, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretSourceException e)
            {
                return (values, $"secret '{name}': {e.Message}");
            }

            if (value is null)
                return (values, $"secret '{name}' is not defined for this job");
            if (!_masker.Register(value))
                return (values, $"secret '{name}' is shorter than {SecretMasker.MinimumSecretLength} characters, too short to be masked in logs; it is not handed out");
            values[name] = value;
        }

        return (values, null);
    }

    private IdTokenRequest DescribeJob(RunRecord run, RunRequest request, JobDefinition job, string audience) =>
        JobTokenClaims.Describe(run, request, job, audience, _options.RunnerEnvironment);

    private async Task SkipStepsAsync(RunRecord run, JobDefinition job, int from)
    {
        for (var index = from; index < job.Steps.Count; index++)
        {
            await _store.SaveStepAsync(new StepRecord { RunId = run.Id, Job = job.Name, Index = index, Name = job.Steps[index].Name, Status = Outcome.Skipped }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Slug(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "step" : slug[..Math.Min(slug.Length, 40)];
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
