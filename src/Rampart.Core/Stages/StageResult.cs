using Rampart.Core.Findings;

namespace Rampart.Core.Stages;

/// <summary>
/// What a stage found. <see cref="Error"/> is set when the stage itself could not do its work
/// (which fails the run); findings are judged separately by the gate.
/// </summary>
public sealed record StageResult(IReadOnlyList<Finding> Findings)
{
    public string? Error { get; init; }

    /// <summary>Blobs the stage stored through <see cref="StageContext.ArtifactStore"/>, to be recorded as the run's artifacts.</summary>
    public IReadOnlyList<StageArtifact> Artifacts { get; init; } = [];

    public static StageResult Clean { get; } = new([]);

    public static StageResult Failure(string error) => new([]) { Error = error };
}
