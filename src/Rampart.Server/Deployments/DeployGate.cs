using System.Globalization;
using Microsoft.Extensions.Logging;
using Rampart.Core.Audit;
using Rampart.Core.Deploy;
using Rampart.Core.Service;
using Rampart.Server.Hosting;

namespace Rampart.Server.Deployments;

/// <summary>
/// The server's rules before each deploy job: the environment must be configured, the branch
/// allowed, enough distinct approvers (never the trigger or the author) must have approved and none
/// rejected, the wait timer must have run out, and the environment's lock must be free with nobody
/// ahead in its queue. Everything is read from the database at each look, so approvals given on any
/// replica count and the run can be carried on by another replica while it waits.
/// </summary>
internal sealed class DeployGate(ServiceDatabase database, ServerWiring wiring, ILogger<DeployGate> logger) : IDeployGate
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<string?> AdmitAsync(DeployGateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trigger = await database.Triggers.GetTriggerAsync(request.Run.Id, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {request.Run.Id} has no trigger");
        var repository = await database.Repositories.GetRepositoryAsync(trigger.RepositoryId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {request.Run.Id}: repository {trigger.RepositoryId} is gone");
        var environment = await database.Deployments.GetEnvironmentAsync(repository.Id, request.Environment, CancellationToken.None).ConfigureAwait(false);
        if (environment is null)
            return $"deploy refused: environment '{request.Environment}' is not configured for {repository.Name} (rampart environment set {repository.Name} {request.Environment})";

        var author = await CommitAuthor.ReadAsync(wiring.CacheDirectory, repository.CloneUrl, trigger.Commit, cancellationToken).ConfigureAwait(false);
        var deployment = await database.Deployments.RequestAsync(new DeploymentRecord
        {
            RepositoryId = repository.Id, Repository = repository.Name, Environment = environment.Name, RunId = request.Run.Id, Job = request.Job,
            Commit = trigger.Commit, Ref = trigger.Ref, Actor = trigger.Actor, Author = author, Detail = "requested", RequestedAt = wiring.Time.GetUtcNow(),
        }, environment.SupersedeQueued, CancellationToken.None).ConfigureAwait(false);

        if (DeployRules.BranchRefusal(environment, deployment.Ref) is { } branchRefusal)
            return await EndAsync(deployment, DeploymentState.Refused, branchRefusal).ConfigureAwait(false);

        try
        {
            while (true)
            {
                deployment = await database.Deployments.GetDeploymentAsync(deployment.Id, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"deployment {deployment.Id} disappeared");
                if (deployment.State == DeploymentState.Deploying)
                    return null;
                if (deployment.IsFinal)
                {
                    // Ended elsewhere (superseded by a newer request, or by another replica): say why here too.
                    await AuditAsync(deployment, deployment.State.ToString().ToLowerInvariant(), Refusal(deployment)).ConfigureAwait(false);
                    return Refusal(deployment);
                }

                // The rules may have changed while it waited: read them again each time.
                environment = await database.Deployments.GetEnvironmentAsync(repository.Id, request.Environment, CancellationToken.None).ConfigureAwait(false) ?? environment;
                var waiting = await WaitingForAsync(environment, deployment).ConfigureAwait(false);
                if (waiting.Refusal is { } refusal)
                    return await EndAsync(deployment, waiting.State, refusal).ConfigureAwait(false);
                if (waiting.Detail is null)
                {
                    var start = await database.Deployments.TryStartAsync(deployment.Id, wiring.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    if (start.Started)
                    {
                        await AuditAsync(start.Current, "admitted", "approvals, timer, branch and lock passed").ConfigureAwait(false);
                        return null;
                    }

                    waiting = waiting with { Detail = start.BlockedBy is { } ahead ? $"queued behind run {ahead.RunId}" : null };
                }

                if (waiting.Detail is { } detail && detail != deployment.Detail)
                    await database.Deployments.SetWaitingDetailAsync(deployment.Id, detail, CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(Poll, wiring.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await EndAsync(deployment, DeploymentState.Cancelled, "deploy cancelled: the run was cancelled while the deploy waited").ConfigureAwait(false);
            throw;
        }
    }

    public async Task FinishedAsync(DeployGateRequest request, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trigger = await database.Triggers.GetTriggerAsync(request.Run.Id, cancellationToken).ConfigureAwait(false);
        if (trigger is null)
            return;
        var found = await database.Deployments.ListDeploymentsAsync(trigger.RepositoryId, request.Environment, request.Run.Id, 100, cancellationToken).ConfigureAwait(false);
        if (found.FirstOrDefault(d => d.Job == request.Job) is not { IsFinal: false } deployment)
            return;
        var state = succeeded ? DeploymentState.Succeeded
            : deployment.State == DeploymentState.Deploying && error?.StartsWith("deploy refused", StringComparison.Ordinal) != true ? DeploymentState.Failed
            : DeploymentState.Refused;
        await EndAsync(deployment, state, succeeded ? "deployed" : error ?? "the deploy job failed").ConfigureAwait(false);
    }

    /// <summary>A deploy job cancelled while it ran: its deployment ends and the environment is free again.</summary>
    public async Task CancelledAsync(DeployGateRequest request)
    {
        var trigger = await database.Triggers.GetTriggerAsync(request.Run.Id, CancellationToken.None).ConfigureAwait(false);
        if (trigger is null)
            return;
        var found = await database.Deployments.ListDeploymentsAsync(trigger.RepositoryId, request.Environment, request.Run.Id, 100, CancellationToken.None).ConfigureAwait(false);
        if (found.FirstOrDefault(d => d.Job == request.Job) is { IsFinal: false } deployment)
            await EndAsync(deployment, DeploymentState.Cancelled, "deploy cancelled: the run was cancelled while the deploy job ran").ConfigureAwait(false);
    }

    private async Task<(string? Detail, string? Refusal, DeploymentState State)> WaitingForAsync(EnvironmentRecord environment, DeploymentRecord deployment)
    {
        if (environment.RequiredApprovals > 0)
        {
            var decisions = await database.Deployments.ListApprovalsAsync(deployment.RunId, deployment.Environment, CancellationToken.None).ConfigureAwait(false);
            var (approvals, rejection) = DeployRules.Tally(decisions);
            if (rejection is not null)
                return (null, $"deploy rejected by {rejection.User}{(rejection.Comment is { } c ? ": " + c : "")}", DeploymentState.Rejected);
            if (approvals < environment.RequiredApprovals)
                return (string.Create(CultureInfo.InvariantCulture, $"waiting for approval ({approvals}/{environment.RequiredApprovals})"), null, DeploymentState.Waiting);
        }

        var until = deployment.RequestedAt.AddSeconds(environment.WaitTimerSeconds);
        if (wiring.Time.GetUtcNow() < until)
            return ($"waiting for timer (until {until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)})", null, DeploymentState.Waiting);
        return (null, null, DeploymentState.Waiting);
    }

    private static string Refusal(DeploymentRecord deployment) => deployment.State switch
    {
        DeploymentState.Superseded => "deploy " + (deployment.Detail ?? "superseded by a newer commit for " + deployment.Environment),
        DeploymentState.Rejected or DeploymentState.Refused => deployment.Detail ?? "deploy refused",
        DeploymentState.Cancelled => deployment.Detail ?? "deploy cancelled",
        _ => $"deploy already {deployment.State.ToString().ToLowerInvariant()}: {deployment.Detail}",
    };

    private async Task<string> EndAsync(DeploymentRecord deployment, DeploymentState state, string reason)
    {
        if (await database.Deployments.FinishAsync(deployment.Id, state, reason, wiring.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            await AuditAsync(deployment, state.ToString().ToLowerInvariant(), reason).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("deployment {Id} of run {RunId} to {Environment}: {State}: {Reason}", deployment.Id, deployment.RunId, deployment.Environment, state, reason);
        return reason;
    }

    private Task AuditAsync(DeploymentRecord deployment, string state, string reason) =>
        wiring.Audit.AppendAsync(new AuditEvent(AuditKinds.DeployGated, "server", $"run/{deployment.RunId}/job/{deployment.Job}", new Dictionary<string, string>
        {
            ["environment"] = deployment.Environment, ["repository"] = deployment.Repository, ["commit"] = deployment.Commit,
            ["deployment"] = deployment.Id.ToString(CultureInfo.InvariantCulture), ["state"] = state, ["reason"] = reason,
        }), CancellationToken.None);
}
