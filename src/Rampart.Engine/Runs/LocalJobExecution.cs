using Rampart.Core.Artifacts;
using Rampart.Core.Audit;
using Rampart.Core.Identity;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Runs;

/// <summary>
/// Runs single jobs on this machine with the engine's sandbox, outside a whole-pipeline run: what a
/// runner agent does with a job the service handed it. Hand-outs of secrets and tokens go to
/// the audit trail like in a local run.
/// </summary>
public sealed class LocalJobExecution : IJobExecutor, IAsyncDisposable
{
    private readonly JobRunner _jobs;

    public LocalJobExecution(EngineOptions options, IStepExecutor executor, IRunStore store, IArtifactStore artifacts,
        ISecretSource secrets, SecretMasker masker, IAuditTrail audit, IRunObserver observer, TimeProvider? time = null, IIdTokenIssuer? idTokens = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _jobs = new JobRunner(options, executor, store, new ArtifactCollector(artifacts), secrets, masker, new RunAudit(audit), observer, time ?? TimeProvider.System, idTokens);
    }

    public async Task<JobOutcome> RunAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken)
    {
        try
        {
            return await _jobs.RunAsync(run, request, job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Source.SourceException or SandboxUnavailableException or IOException or UnauthorizedAccessException)
        {
            return new JobOutcome(Outcome.Failed, e.Message, []);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StepCgroupCleanup.WaitAsync().ConfigureAwait(false);
        await _jobs.FlushHandOutsAsync().ConfigureAwait(false);
    }
}
