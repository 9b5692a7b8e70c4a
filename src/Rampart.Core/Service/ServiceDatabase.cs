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
    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
