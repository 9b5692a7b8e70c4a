using Rampart.Core.Findings;

namespace Rampart.Core.Runs;

/// <summary>Where runs are recorded. SQLite for the embedded mode; PostgreSQL for the service.</summary>
public interface IRunStore
{
    /// <summary>Records a new run and returns it with its assigned id.</summary>
    Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken);

    Task UpdateRunAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Inserts the job or replaces the record with the same run id and name.</summary>
    Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>Inserts the step or replaces the record with the same run id, job and index.</summary>
    Task SaveStepAsync(StepRecord step, CancellationToken cancellationToken);

    Task AddArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken);

    Task AddFindingsAsync(long runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken);

    /// <summary>The newest runs first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Returns null when no run has that id.</summary>
    Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken);
}
