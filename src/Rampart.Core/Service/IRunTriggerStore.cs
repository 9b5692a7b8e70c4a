namespace Rampart.Core.Service;

/// <summary>
/// What each service run was started for, and which replica is carrying it. A replica holds a
/// lease on each run it orchestrates; a run whose lease lapsed (its replica died) is picked up by
/// another replica.
/// </summary>
public interface IRunTriggerStore
{
    Task SaveTriggerAsync(RunTrigger trigger, CancellationToken cancellationToken);

    Task<RunTrigger?> GetTriggerAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Takes or extends the lease when it is free, lapsed or already held by <paramref name="owner"/>.</summary>
    Task<bool> TryLeaseRunAsync(long runId, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends the owner's lease (the run is finished).</summary>
    Task ReleaseRunAsync(long runId, string owner, CancellationToken cancellationToken);

    /// <summary>Runs not finished whose lease is missing or lapsed, oldest first.</summary>
    Task<IReadOnlyList<long>> ListOrphanRunsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
