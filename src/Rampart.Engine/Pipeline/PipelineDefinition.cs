namespace Rampart.Engine.Pipeline;

/// <summary>A validated <c>.rampart/pipeline.yml</c>. Jobs keep the order of the file.</summary>
public sealed record PipelineDefinition(
    string Name,
    PipelineTriggers Triggers,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<JobDefinition> Jobs,
    GateSettings Gate)
{
    /// <summary>Path of the file it was read from, as given to the loader.</summary>
    public string SourceFile { get; init; } = "";
}
