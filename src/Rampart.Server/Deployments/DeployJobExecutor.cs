using System.Globalization;
using Rampart.Core.Audit;
using Rampart.Core.Deploy;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Server.Hosting;

namespace Rampart.Server.Deployments;

/// <summary>
/// Runs jobs through the runner dispatch and adds what deploy jobs need around it: a deploy job
/// cancelled while it runs frees its environment, and after a deploy job succeeds the environment's
/// GitOps target gets the run's verified manifests as a signed commit (a failed write fails the job).
/// </summary>
internal sealed class DeployJobExecutor(IJobExecutor inner, ServiceDatabase database, ServerWiring wiring, DeployGate gate, GitOpsWriter gitOps) : IJobExecutor
{
    public async Task<JobOutcome> RunAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(job);
        JobOutcome outcome;
        try
        {
            outcome = await inner.RunAsync(run, request, job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (job.Environment is { } cancelled)
        {
            await gate.CancelledAsync(new DeployGateRequest(run, job.Name, cancelled)).ConfigureAwait(false);
            throw;
        }

        if (job.Environment is not { } environment || outcome.Outcome != Outcome.Succeeded)
            return outcome;
        var trigger = await database.Triggers.GetTriggerAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
        var settings = trigger is null ? null : await database.Deployments.GetEnvironmentAsync(trigger.RepositoryId, environment, CancellationToken.None).ConfigureAwait(false);
        if (settings?.GitOps is not { } target)
            return outcome;
        var deployments = await database.Deployments.ListDeploymentsAsync(settings.RepositoryId, environment, run.Id, 100, CancellationToken.None).ConfigureAwait(false);
        if (deployments.FirstOrDefault(d => d.Job == job.Name && d.State == DeploymentState.Deploying) is not { } deployment)
            return outcome with { Outcome = Outcome.Failed, Error = "gitops: the deploy job holds no admitted deployment" };

        try
        {
            // Only build-phase artifacts: those the engine signed and the deploy verification just checked.
            var details = await database.Runs.GetRunAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
            var deployJobs = details?.Jobs.Where(j => j.Environment is not null).Select(j => j.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var artifacts = details?.Artifacts.Where(a => !deployJobs.Contains(a.Job)).ToList() ?? [];
            var commit = await gitOps.WriteAsync(target, deployment, artifacts, cancellationToken).ConfigureAwait(false);
            var line = commit is null
                ? $"gitops: {target.Repository} ({target.Branch}) {target.Directory} already holds these manifests; nothing to commit"
                : $"gitops: committed {commit} to {target.Repository} ({target.Branch}) {target.Directory}, signed by the server's key";
            await database.Logs.AppendLogAsync(run.Id, job.Name, -1, line + "\n", CancellationToken.None).ConfigureAwait(false);
            await wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.GitOpsCommitted, "server", $"run/{run.Id}/job/{job.Name}", new Dictionary<string, string>
            {
                ["environment"] = environment, ["repository"] = target.Repository, ["branch"] = target.Branch, ["commit"] = commit ?? "",
                ["digests"] = string.Join(',', artifacts.Where(a => Core.Text.PathGlob.IsMatch(target.Artifacts, a.Name)).Select(a => a.Digest.ToString())),
                ["deployment"] = deployment.Id.ToString(CultureInfo.InvariantCulture),
            }), CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }
        catch (GitOpsException e)
        {
            await database.Logs.AppendLogAsync(run.Id, job.Name, -1, "gitops: " + e.Message + "\n", CancellationToken.None).ConfigureAwait(false);
            return outcome with { Outcome = Outcome.Failed, Error = "gitops: " + e.Message };
        }
    }
}
