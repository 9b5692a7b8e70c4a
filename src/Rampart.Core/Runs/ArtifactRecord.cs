using Rampart.Core.Evidence;

namespace Rampart.Core.Runs;

/// <summary>A file a job kept: its path in the workspace and where it sits in the content-addressed store.</summary>
public sealed record ArtifactRecord(long RunId, string Job, string Name, Digest Digest, long Size);
