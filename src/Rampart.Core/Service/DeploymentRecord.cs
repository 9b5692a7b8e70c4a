namespace Rampart.Core.Service;

/// <summary>One deploy job of one run to one environment, from request to outcome.</summary>
public sealed record DeploymentRecord
{
    public long Id { get; init; }
    public long RepositoryId { get; init; }
    public required string Repository { get; init; }
    public required string Environment { get; init; }
    public long RunId { get; init; }
    public required string Job { get; init; }
    public required string Commit { get; init; }
    public required string Ref { get; init; }

    /// <summary>Who triggered the run (<see cref="RunTrigger.Actor"/>).</summary>
    public string? Actor { get; init; }

    /// <summary>The commit's author as <c>name &lt;email&gt;</c>.</summary>
    public string? Author { get; init; }

    public DeploymentState State { get; init; }

    /// <summary>While waiting: <c>waiting for approval (0/2)</c>, <c>waiting for timer (until …)</c>, <c>queued behind run N</c>; when final: the one-line reason.</summary>
    public string? Detail { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinal => State is not (DeploymentState.Waiting or DeploymentState.Deploying);
}
