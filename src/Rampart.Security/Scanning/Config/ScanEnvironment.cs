using System.Collections.Concurrent;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// What an analyzer may know about the rest of the scanned tree: whether a file exists (a
/// <c>.dockerignore</c> next to a Dockerfile) and the text of another file (a GitLab local include).
/// Paths are relative to the scanned root; nothing outside it is ever read.
/// </summary>
internal sealed class ScanEnvironment
{
    private readonly string _root;

    public ScanEnvironment(string root) => _root = Path.GetFullPath(root);

    /// <summary>Kubernetes namespaces that have a NetworkPolicy somewhere in the tree.</summary>
    public ConcurrentDictionary<string, bool> NamespacesWithNetworkPolicy { get; } = new(StringComparer.Ordinal);

    /// <summary>The first workload seen in each Kubernetes namespace: where to report a missing NetworkPolicy.</summary>
    public ConcurrentDictionary<string, WorkloadPlace> FirstWorkloadByNamespace { get; } = new(StringComparer.Ordinal);

    public bool FileExists(string relativePath) => Resolve(relativePath) is { } full && File.Exists(full);

    public string? ReadText(string relativePath, int maxBytes)
    {
        if (Resolve(relativePath) is not { } full || !File.Exists(full))
            return null;
        var info = new FileInfo(full);
        if (info.LinkTarget is not null || info.Length > maxBytes)
            return null;
        return File.ReadAllText(full);
    }

    /// <summary>The full path, or null when the path leaves the root (<c>..</c>, absolute paths).</summary>
    private string? Resolve(string relativePath)
    {
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath))
            return null;
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        var rootWithSlash = _root.EndsWith('/') ? _root : _root + "/";
        return full.StartsWith(rootWithSlash, StringComparison.Ordinal) ? full : null;
    }
}
