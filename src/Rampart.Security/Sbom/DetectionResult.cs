using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom;

/// <summary>The SBOM built from a folder, and one line per file that could not be read (<c>path: reason</c>).</summary>
public sealed record DetectionResult(SbomDocument Document, IReadOnlyList<string> Errors);
