namespace Rampart.Security.Sbom.Model;

/// <summary>What the SBOM describes: a name, an optional version (a commit id), and the creation time.</summary>
public sealed record SbomSubject(string Name, string? Version, DateTimeOffset Created);
