namespace Rampart.Core.Service;

/// <summary>
/// The durable job queue shared by every server replica. A claim is atomic across processes (row
/// locks with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, a write transaction on SQLite): no job is
/// handed to two runners, and a job whose runner stops renewing its lease is queued again or failed
/// by <see cref="ReapExpiredAsync"/>, never lost.
/// </summary>
public interface IJobQueueStore
{
    /// <summary>Adds a job in state Queued; returns it with its id.</summary>
    Task<QueuedJob> EnqueueAsync(QueuedJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the next job to a runner: among queued jobs whose labels the runner carries, the one
    /// from the repository with the fewest running jobs, oldest first. Sets Running, the runner, the
    /// attempt count and the lease. Null when nothing fits.
    /// </summary>
    Task<QueuedJob?> ClaimAsync(string runnerId, IReadOnlyCollection<string> runnerLabels, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the job is no longer running on that runner (reaped or cancelled).</summary>
    Task<bool> RenewAsync(long jobId, string runnerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>Records the final state reported by the runner holding the job; false when it no longer holds it.</summary>
    Task<bool> CompleteAsync(long jobId, string runnerId, QueueState state, string result, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Jobs running past their lease go back to Queued while attempts remain, else to Failed with a
    /// reason. Returns the jobs changed, in their new state.
    /// </summary>
    Task<IReadOnlyList<QueuedJob>> ReapExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cancels every job of the run that is not final; returns how many.</summary>
    Task<int> CancelRunAsync(long runId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<QueuedJob?> GetAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>The newest queue entry for a job of a run, or null.</summary>
    Task<QueuedJob?> FindAsync(long runId, string job, CancellationToken cancellationToken);

    Task<QueueCounts> CountAsync(CancellationToken cancellationToken);
}
