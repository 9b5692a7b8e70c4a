using Rampart.Security.Sbom.Model;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Sbom.Readers.Npm;

/// <summary>
/// <c>pnpm-lock.yaml</c>, lockfile versions 5.x (<c>/name/1.0.0</c>), 6 (<c>/name@1.0.0</c>) and 9
/// (<c>name@1.0.0</c> with <c>snapshots</c> holding the graph). Direct dependencies come from the root
/// importer (or the top-level groups in 5.x); peer suffixes such as <c>(react@18.2.0)</c> or <c>_react@18</c> are dropped.
/// </summary>
public sealed class PnpmLockReader : ILockfileReader
{
    public string Id => "pnpm-lock";

    public bool Matches(string fileName) => fileName.Equals("pnpm-lock.yaml", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var root = Yaml.LoadMapping(input);
        var packages = Yaml.Map(root, "packages");
        var snapshots = Yaml.Map(root, "snapshots");
        var direct = new HashSet<string>(StringComparer.Ordinal);
        var devDirect = new HashSet<string>(StringComparer.Ordinal);
        var importers = Yaml.Map(root, "importers");
        var groupsOwners = importers is null ? [root] : importers.Children.Values.OfType<YamlMappingNode>().ToList();
        foreach (var owner in groupsOwners)
        {
            foreach (var group in new[] { "dependencies", "optionalDependencies", "devDependencies" })
            {
                foreach (var (name, node) in Yaml.Entries(Yaml.Map(owner, group)))
                {
                    var version = node is YamlMappingNode m ? Yaml.Str(m, "version") : (node as YamlScalarNode)?.Value;
                    if (version is null || version.StartsWith("link:", StringComparison.Ordinal))
                        continue;
                    var key = name + "@" + StripPeers(version);
                    (group == "devDependencies" ? devDirect : direct).Add(key);
                }
            }
        }

        // Version 9 keeps the graph in snapshots, keyed with peer suffixes; index them by plain name@version.
        var snapshotIndex = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var (key, node) in Yaml.Entries(snapshots))
        {
            if (Split(key) is var (n, v) && node is YamlMappingNode m)
                snapshotIndex.TryAdd(n + "@" + v, m);
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (key, node) in Yaml.Entries(packages))
        {
            if (Split(key) is not var (name, version) || node is not YamlMappingNode entry)
                continue;
            var id = name + "@" + version;
            var graphNode = snapshotIndex.GetValueOrDefault(id) ?? entry;
            var edges = new List<string>();
            foreach (var group in new[] { "dependencies", "optionalDependencies" })
            {
                foreach (var (depName, depNode) in Yaml.Entries(Yaml.Map(graphNode, group)))
                {
                    if (depNode is YamlScalarNode { Value: { } depVersion } && !depVersion.StartsWith("link:", StringComparison.Ordinal))
                    {
                        var resolved = Split(depVersion.StartsWith('/') ? depVersion : "/" + depName + "@" + depVersion);
                        if (resolved is var (rn, rv))
                            edges.Add(ComponentFactory.PurlFor(Ecosystems.Npm, rn, rv));
                    }
                }
            }

            var dev = Yaml.Str(entry, "dev") == "true" || (devDirect.Contains(id) && !direct.Contains(id));
            var hash = ComponentFactory.FromIntegrity(Yaml.Str(Yaml.Map(entry, "resolution"), "integrity"));
            found.Add(ComponentFactory.Create(Ecosystems.Npm, name, version, input.DisplayPath) with
            {
                Direct = direct.Contains(id) || devDirect.Contains(id),
                Scope = dev ? ComponentScope.Development : Yaml.Str(entry, "optional") == "true" ? ComponentScope.Optional : ComponentScope.Required,
                Hashes = hash is null ? [] : [hash],
                DependsOn = edges,
            });
        }

        return found.Build();
    }

    /// <summary>Name and version from a package key of any lockfile version; null for tarball or git keys it cannot name.</summary>
    internal static (string Name, string Version)? Split(string key)
    {
        var text = StripPeers(key.TrimStart('/'));
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal) && !text.Contains('@', StringComparison.Ordinal))
            return null;
        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            var version = text[(at + 1)..];
            return version.Contains(':', StringComparison.Ordinal) ? null : (text[..at], version);
        }

        // 5.x: name/version or @scope/name/version
        var slash = text.LastIndexOf('/');
        return slash > 0 ? (text[..slash], text[(slash + 1)..]) : null;
    }

    private static string StripPeers(string text)
    {
        var paren = text.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
            text = text[..paren];
        var underscore = text.IndexOf('_', Math.Max(0, text.LastIndexOf('/')));
        return underscore > 0 ? text[..underscore] : text;
    }
}
