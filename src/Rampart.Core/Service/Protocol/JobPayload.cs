namespace Rampart.Core.Service.Protocol;

/// <summary>
/// What a runner needs to run one job, kept in the queue. The pipeline text travels with it so the
/// runner runs exactly the file the server validated (its digest is checked on arrival). No secrets.
/// </summary>
public sealed record JobPayload
{
    public long RunId { get; init; }
    public required string Job { get; init; }
    public required string Repository { get; init; }
    public required string CloneUrl { get; init; }
    public required string Commit { get; init; }
    public required string Ref { get; init; }
    public string? Branch { get; init; }
    public required string Event { get; init; }
    public bool Trusted { get; init; }
    public string ProjectPath { get; init; } = "";
    public required string PipelineText { get; init; }
    public required string PipelineDigest { get; init; }
    public required string Pipeline { get; init; }
}
