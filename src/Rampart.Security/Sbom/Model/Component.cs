namespace Rampart.Security.Sbom.Model;

/// <summary>
/// One package found in a lockfile or manifest. <see cref="Purl"/> is the identity: two
/// components with the same purl are the same package (their sources and edges merge).
/// </summary>
public sealed record Component(string Ecosystem, string Name, string Version, string Purl)
{
    /// <summary>True when a manifest of the project names it; false when only pulled in by another package; null when the file does not say.</summary>
    public bool? Direct { get; init; }

    public ComponentScope Scope { get; init; } = ComponentScope.Required;

    /// <summary>Hashes the lockfile records (integrity, sha512 …), algorithm in CycloneDX spelling.</summary>
    public IReadOnlyList<ComponentHash> Hashes { get; init; } = [];

    /// <summary>An SPDX license expression when the lockfile names one.</summary>
    public string? License { get; init; }

    /// <summary>The purls of the packages this one depends on, where the lockfile gives the graph.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Paths (relative to the scanned root, forward slashes) of the files that named it.</summary>
    public IReadOnlyList<string> FoundIn { get; init; } = [];
}
