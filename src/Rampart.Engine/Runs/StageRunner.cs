using Rampart.Core.Artifacts;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Stages;

namespace Rampart.Engine.Runs;

/// <summary>Runs the built-in stages of one phase, each within its time budget.</summary>
internal sealed class StageRunner
{
    private readonly IReadOnlyList<IStage> _stages;
    private readonly IArtifactStore _artifacts;
    private readonly IRunObserver _observer;
    private readonly string _logsDirectory;

    public StageRunner(IReadOnlyList<IStage> stages, IArtifactStore artifacts, IRunObserver observer, string logsDirectory)
    {
        _stages = stages;
        _artifacts = artifacts;
        _observer = observer;
        _logsDirectory = logsDirectory;
    }

    public bool Any(StagePhase phase) => _stages.Any(s => s.Phase == phase);

    /// <summary>
    /// Adds every finding to <paramref name="findings"/> and every artifact a stage produced to
    /// <paramref name="produced"/> (as the job <c>stage:&lt;id&gt;</c>); returns the first stage error, if any.
    /// </summary>
    public async Task<string?> RunAsync(StagePhase phase, RunRecord run, string sourceRoot, string projectRoot, string? repository, bool trusted,
        IReadOnlyList<ArtifactRecord> artifacts, List<Finding> findings, List<ArtifactRecord> produced, CancellationToken cancellationToken)
    {
        foreach (var stage in _stages.Where(s => s.Phase == phase))
        {
            var runLogs = Path.Combine(_logsDirectory, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(runLogs);
            await using var log = new StreamWriter(Path.Combine(runLogs, $"stage-{stage.Id}.log"));
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(stage.Budget);
            StageResult result;
            try
            {
                result = await stage.RunAsync(new StageContext(run, sourceRoot, projectRoot, artifacts, _artifacts, log) { Repository = repository, Trusted = trusted }, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = StageResult.Failure($"stage {stage.Id} exceeded its time budget of {stage.Budget.TotalSeconds:0}s");
            }

            var stamped = result.Findings.Select(f => f.Source.Length == 0 ? f with { Source = stage.Id } : f).ToList();
            findings.AddRange(stamped);
            produced.AddRange(result.Artifacts.Select(a => new ArtifactRecord(run.Id, "stage:" + stage.Id, a.Name, a.Digest, a.Size)));
            _observer.StageFinished(stage.Id, stamped.Count, result.Error);
            if (result.Error is not null)
                return result.Error;
        }

        return null;
    }
}
