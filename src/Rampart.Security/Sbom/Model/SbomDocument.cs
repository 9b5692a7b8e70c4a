namespace Rampart.Security.Sbom.Model;

/// <summary>The bill of materials of one subject (a folder, a commit): its components with their graph.</summary>
public sealed record SbomDocument(SbomSubject Subject, IReadOnlyList<Component> Components)
{
    /// <summary>Files that were read, relative to the root, in order.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
