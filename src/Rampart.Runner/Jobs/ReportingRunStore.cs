using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Service.Protocol;

namespace Rampart.Runner.Jobs;

/// <summary>
/// The run store as a runner sees it: step records go to the server; the job's own record and its
/// artifacts are the server's to write (from the completion report). Nothing else is asked of it.
/// </summary>
internal sealed class ReportingRunStore(EventStream events) : IRunStore
{
    public Task SaveStepAsync(StepRecord step, CancellationToken cancellationToken)
    {
        events.Add(new RunnerEvent { Step = step with { LogPath = null } });
        return Task.CompletedTask;
    }

    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AddArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken) => throw Unused();

    public Task UpdateRunAsync(RunRecord run, CancellationToken cancellationToken) => throw Unused();

    public Task AddFindingsAsync(long runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken) => throw Unused();

    public Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("a runner records only steps; the server records runs");
}
