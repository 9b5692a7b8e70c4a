using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers;

/// <summary>Reads one kind of lockfile or manifest. Readers never run package managers and never reach the network.</summary>
public interface ILockfileReader
{
    /// <summary>Stable id (<c>npm-package-lock</c>), shown in diagnostics.</summary>
    string Id { get; }

    /// <summary>Whether a file of this name (no folder) is one this reader handles.</summary>
    bool Matches(string fileName);

    /// <summary>Reads the file; throws <see cref="LockfileException"/> when the content is not a valid file of this kind.</summary>
    IReadOnlyList<Component> Read(LockfileInput input);
}
