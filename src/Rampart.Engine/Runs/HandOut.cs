namespace Rampart.Engine.Runs;

/// <summary>What a job was given: a secret (by name, and how) or an id-token (audience, id, subject). Never a value.</summary>
public sealed record HandOut(DateTimeOffset Time, long RunId, string Job, string? Step, HandOutKind Kind, string Name, string Detail);
