using Rampart.Core.Runs;

namespace Rampart.Core.Service;

/// <summary>
/// Every store the service uses, from one database (SQLite or PostgreSQL). The host opens it once
/// and disposes it at shutdown.
/// </summary>
public sealed record ServiceDatabase(
    string Kind,
    IRunStore Runs,
    IJobQueueStore Queue,
    IRepositoryStore Repositories,
    IAccessStore Access,
    IRunnerStore Runners,
    IDeliveryStore Deliveries,
    IRunTriggerStore Triggers,
    ILogStore Logs,
    IAsyncDisposable? Owner = null) : IAsyncDisposable
{
    private readonly IDeploymentStore? _deployments;

    /// <summary>Environments, deploy requests, approvals and environment locks.</summary>
    public IDeploymentStore Deployments
    {
        get => _deployments ?? throw new InvalidOperationException("this database has no deployment store");
        init => _deployments = value;
    }

    /// <summary>Wake-ups between replicas sharing this database; null where the database has none (SQLite: one replica).</summary>
    public IReplicaSignals? Replicas { get; init; }

    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
