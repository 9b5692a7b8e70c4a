namespace Rampart.Core.Service;

/// <summary>A piece of a step's masked log, in order by <see cref="Sequence"/> within the step.</summary>
public sealed record LogChunk(long RunId, string Job, int Step, long Sequence, string Text);
