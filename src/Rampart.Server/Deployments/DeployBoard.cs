using Rampart.Core.Service;
using Rampart.Server.WebUi.Deploys;

namespace Rampart.Server.Deployments;

/// <summary>The deploy store as the web UI's approvals and environments pages read it.</summary>
internal sealed class DeployBoard(ServiceDatabase database) : IDeployBoard
{
    private const int PerRepository = 200;

    private IDeploymentStore Store => database.Deployments;

    public async Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingApproval>();
        foreach (var repository in await database.Repositories.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
        {
            var environments = (await Store.ListEnvironmentsAsync(repository.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Name, StringComparer.Ordinal);
            foreach (var deployment in await Store.ListDeploymentsAsync(repository.Id, null, null, PerRepository, cancellationToken).ConfigureAwait(false))
            {
                if (deployment.State != DeploymentState.Waiting)
                    continue;
                environments.TryGetValue(deployment.Environment, out var environment);
                var approvals = await ApprovedByAsync(deployment, cancellationToken).ConfigureAwait(false);
                DateTimeOffset? waitUntil = environment is { WaitTimerSeconds: > 0 } ? deployment.RequestedAt.AddSeconds(environment.WaitTimerSeconds) : null;
                pending.Add(new PendingApproval(deployment.RunId, deployment.Repository, deployment.Environment, deployment.Commit,
                    deployment.Actor ?? deployment.Author, approvals, environment?.RequiredApprovals ?? 0, deployment.RequestedAt, waitUntil));
            }
        }

        return [.. pending.OrderBy(p => p.RequestedAt)];
    }

    public async Task<IReadOnlyList<WebUi.Deploys.EnvironmentView>> ListEnvironmentsAsync(CancellationToken cancellationToken)
    {
        var views = new List<WebUi.Deploys.EnvironmentView>();
        foreach (var repository in await database.Repositories.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
        {
            var deploying = (await Store.ListDeploymentsAsync(repository.Id, null, null, PerRepository, cancellationToken).ConfigureAwait(false))
                .Where(d => d.State == DeploymentState.Deploying).ToList();
            foreach (var environment in await Store.ListEnvironmentsAsync(repository.Id, cancellationToken).ConfigureAwait(false))
            {
                var approvers = environment.ApproverRole is { } role ? [.. environment.Approvers, "role:" + role.ToString().ToLowerInvariant()] : environment.Approvers;
                var holder = deploying.FirstOrDefault(d => d.Environment == environment.Name);
                views.Add(new WebUi.Deploys.EnvironmentView(repository.Name, environment.Name, approvers, environment.RequiredApprovals, environment.PreventSelfApproval,
                    environment.WaitTimerSeconds > 0 ? TimeSpan.FromSeconds(environment.WaitTimerSeconds) : null, environment.Branches,
                    holder is null ? null : $"run {holder.RunId}"));
            }
        }

        return views;
    }

    public async Task<IReadOnlyList<WebUi.Deploys.DeploymentView>> ListDeploymentsAsync(string? repository, string? environment, int limit, CancellationToken cancellationToken)
    {
        var repositories = repository is null
            ? await database.Repositories.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false)
            : await database.Repositories.FindRepositoryAsync(repository, cancellationToken).ConfigureAwait(false) is { } one ? [one] : [];
        var views = new List<WebUi.Deploys.DeploymentView>();
        foreach (var record in repositories)
        {
            foreach (var deployment in await Store.ListDeploymentsAsync(record.Id, environment, null, limit, cancellationToken).ConfigureAwait(false))
            {
                views.Add(new WebUi.Deploys.DeploymentView(deployment.RunId, deployment.Repository, deployment.Environment, deployment.Commit,
                    deployment.State.ToString().ToLowerInvariant(), null, await ApprovedByAsync(deployment, cancellationToken).ConfigureAwait(false),
                    deployment.RequestedAt, deployment.FinishedAt));
            }
        }

        return [.. views.OrderByDescending(v => v.CreatedAt).Take(limit)];
    }

    private async Task<IReadOnlyList<string>> ApprovedByAsync(DeploymentRecord deployment, CancellationToken cancellationToken) =>
        [.. (await Store.ListApprovalsAsync(deployment.RunId, deployment.Environment, cancellationToken).ConfigureAwait(false)).Where(a => a.Approved).Select(a => a.User)];
}
