using Rampart.Server.Metrics;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Records a run's preparation phases once its first job is queued: the fetch, reading the pipeline
/// and policy (from the fetch's end until now, when this is made), and the stages (from now on).
/// </summary>
internal sealed class PreparationTiming(ServerMetrics metrics, TimeProvider time, long since, TimeSpan fetch, long fetched)
{
    private readonly long _read = time.GetTimestamp();
    private int _recorded;

    public void FirstJobQueued()
    {
        if (Interlocked.Exchange(ref _recorded, 1) != 0)
            return;
        metrics.RecordPreparation(PreparationPhase.Fetch, fetch);
        metrics.RecordPreparation(PreparationPhase.Pipeline, time.GetElapsedTime(fetched, _read));
        metrics.RecordPreparation(PreparationPhase.Stages, time.GetElapsedTime(_read));
        metrics.RecordPreparation(PreparationPhase.Total, time.GetElapsedTime(since));
    }
}
