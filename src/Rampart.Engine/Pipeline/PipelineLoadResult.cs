namespace Rampart.Engine.Pipeline;

/// <summary>The pipeline when the file is valid, and every problem found (sorted by position) when it is not.</summary>
public sealed record PipelineLoadResult(PipelineDefinition? Pipeline, IReadOnlyList<PipelineDiagnostic> Diagnostics)
{
    public bool Succeeded => Pipeline is not null && Diagnostics.Count == 0;
}
