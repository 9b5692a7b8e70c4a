namespace Rampart.Engine.Pipeline;

/// <summary>A job as read, kept even when invalid so that <c>needs</c> can be checked across all jobs.</summary>
internal sealed record JobEntry(
    string Name,
    SourceMark Mark,
    IReadOnlyList<(string Name, SourceMark Mark)> Needs,
    JobDefinition? Definition);
