namespace Rampart.Core.Stages;

/// <summary>
/// A built-in control that runs as part of every pipeline run. Stages run in the engine's
/// process with the engine's rights, so they must never execute repository content.
/// </summary>
public interface IStage
{
    /// <summary>Stable kebab-case id, used in logs, records and SARIF (<c>secret-scan</c>).</summary>
    string Id { get; }

    /// <summary>Bumped whenever the stage's output for the same input changes.</summary>
    int Version { get; }

    StagePhase Phase { get; }

    /// <summary>Time budget; the engine cancels the stage after it and fails the run.</summary>
    TimeSpan Budget { get; }

    Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken);
}
