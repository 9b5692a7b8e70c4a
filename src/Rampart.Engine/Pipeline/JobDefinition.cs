namespace Rampart.Engine.Pipeline;

public sealed record JobDefinition(
    string Name,
    IReadOnlyList<string> Needs,
    IReadOnlyList<StepDefinition> Steps,
    TimeSpan Timeout,
    JobPermissions Permissions,
    NetworkPolicy Network,
    IReadOnlyList<string> Artifacts,
    string? Environment,
    IReadOnlyDictionary<string, string> Env,
    ResourceLimits Limits,
    SourceMark Mark)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Labels a runner must carry to take this job (the service routes by them); empty: any runner.</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = [];
}
