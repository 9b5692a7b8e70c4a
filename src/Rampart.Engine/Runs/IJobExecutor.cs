using Rampart.Core.Runs;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Runs;

/// <summary>
/// Where a job of a run executes. By default the engine runs it here, in the sandbox; the service
/// hands it to a runner machine and waits for its report. Either way the artifacts it returns are
/// blobs already in the run's artifact store.
/// </summary>
public interface IJobExecutor
{
    Task<JobOutcome> RunAsync(RunRecord run, RunRequest request, JobDefinition job, CancellationToken cancellationToken);
}
