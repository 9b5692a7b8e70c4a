namespace Rampart.Engine.Artifacts;

/// <summary>A file the walk matched: its workspace name, its resolved path and the pattern that found it.</summary>
internal sealed record ArtifactCandidate(string Name, string RealPath, string Pattern);
