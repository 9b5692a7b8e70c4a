using Rampart.Core.Evidence;

namespace Rampart.Core.Stages;

/// <summary>A file a stage produced and put in the artifact store (an SBOM, a signature); the engine records it with the run.</summary>
public sealed record StageArtifact(string Name, Digest Digest, long Size);
