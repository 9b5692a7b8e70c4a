using System.Text.Json;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Npm;

/// <summary>
/// <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>, lockfile versions 1 to 3. Versions 2 and 3
/// are read from <c>packages</c> (install paths); version 1 from the nested <c>dependencies</c> tree.
/// Edges are resolved the way Node resolves <c>require</c>: the nearest <c>node_modules</c> upwards.
/// </summary>
public sealed class PackageLockJsonReader : ILockfileReader
{
    private const string NodeModules = "node_modules/";

    public string Id => "npm-package-lock";

    public bool Matches(string fileName) =>
        fileName.Equals("package-lock.json", StringComparison.OrdinalIgnoreCase) || fileName.Equals("npm-shrinkwrap.json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var root = doc.RootElement;
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var direct = new HashSet<string>(StringComparer.Ordinal);
        if (root.Obj("packages").ValueKind == JsonValueKind.Object)
        {
            var rootPackage = root.Obj("packages").Obj("");
            foreach (var group in new[] { "dependencies", "devDependencies", "optionalDependencies", "peerDependencies" })
                direct.UnionWith(rootPackage.Obj(group).Props().Select(p => p.Name));
            foreach (var entry in root.Obj("packages").EnumerateObject())
            {
                var at = entry.Name.LastIndexOf(NodeModules, StringComparison.Ordinal);
                if (entry.Name.Length == 0 || at < 0 || entry.Value.Flag("link"))
                    continue;
                var name = entry.Value.Str("name") ?? entry.Name[(at + NodeModules.Length)..];
                var requires = entry.Value.Obj("dependencies").Props().Concat(entry.Value.Obj("optionalDependencies").Props()).Select(p => p.Name);
                nodes[entry.Name] = new Node(name, entry.Value, [.. requires]);
            }
        }
        else if (root.Obj("dependencies").ValueKind == JsonValueKind.Object)
        {
            Flatten(root.Obj("dependencies"), "", nodes);
        }
        else
        {
            throw new LockfileException(input.DisplayPath, "neither 'packages' nor 'dependencies' found");
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (path, node) in nodes)
        {
            var version = node.Entry.Str("version");
            if (version is null || version.StartsWith("file:", StringComparison.Ordinal))
                continue;
            var edges = node.Requires.Select(r => Resolve(nodes, path, r)).OfType<Node>()
                .Where(n => n.Entry.Str("version") is { } v && !v.StartsWith("file:", StringComparison.Ordinal))
                .Select(n => ComponentFactory.PurlFor(Ecosystems.Npm, n.Name, Version(n)));
            var hash = ComponentFactory.FromIntegrity(node.Entry.Str("integrity"));
            var dev = node.Entry.Flag("dev") || node.Entry.Flag("devOptional");
            found.Add(ComponentFactory.Create(Ecosystems.Npm, node.Name, Version(node), input.DisplayPath) with
            {
                Direct = direct.Count > 0 || root.Obj("packages").ValueKind == JsonValueKind.Object
                    ? path == NodeModules + node.Name && direct.Contains(node.Name) : path.Count(c => c == '/') == 1 ? null : false,
                Scope = dev ? ComponentScope.Development : node.Entry.Flag("optional") ? ComponentScope.Optional : ComponentScope.Required,
                Hashes = hash is null ? [] : [hash],
                License = node.Entry.Str("license"),
                DependsOn = [.. edges],
            });
        }

        return found.Build();
    }

    // Version 1 aliases keep "npm:real@1.2.3" in version; the package itself is real@1.2.3.
    private static string Version(Node node)
    {
        var version = node.Entry.Str("version")!;
        if (version.StartsWith("npm:", StringComparison.Ordinal))
        {
            var at = version.LastIndexOf('@');
            return version[(at + 1)..];
        }

        return version;
    }

    private static void Flatten(JsonElement dependencies, string prefix, Dictionary<string, Node> nodes)
    {
        foreach (var entry in dependencies.Props())
        {
            var path = prefix + NodeModules + entry.Name;
            var name = entry.Name;
            if (entry.Value.Str("version") is { } v && v.StartsWith("npm:", StringComparison.Ordinal))
                name = v[4..v.LastIndexOf('@')];
            nodes[path] = new Node(name, entry.Value, [.. entry.Value.Obj("requires").Props().Select(p => p.Name)]);
            Flatten(entry.Value.Obj("dependencies"), path + "/", nodes);
        }
    }

    private static Node? Resolve(Dictionary<string, Node> nodes, string from, string dependency)
    {
        for (var scope = from; ; )
        {
            if (nodes.TryGetValue(scope + "/" + NodeModules + dependency, out var nested))
                return nested;
            var at = scope.LastIndexOf("/" + NodeModules, StringComparison.Ordinal);
            if (at < 0)
                return nodes.GetValueOrDefault(NodeModules + dependency);
            scope = scope[..at];
        }
    }

    private sealed record Node(string Name, JsonElement Entry, string[] Requires);
}
