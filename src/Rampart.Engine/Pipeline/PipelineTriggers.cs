namespace Rampart.Engine.Pipeline;

/// <summary>Which events start the pipeline. A null filter means the event does not trigger it.</summary>
public sealed record PipelineTriggers(BranchFilter? Push, BranchFilter? PullRequest);
