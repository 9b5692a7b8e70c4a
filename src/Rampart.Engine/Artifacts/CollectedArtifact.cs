using Rampart.Core.Evidence;

namespace Rampart.Engine.Artifacts;

/// <summary>A kept file: its workspace-relative name (forward slashes) and its blob in the store.</summary>
public sealed record CollectedArtifact(string Name, Digest Digest, long Size);
