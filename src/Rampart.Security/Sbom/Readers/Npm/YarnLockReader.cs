using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Npm;

/// <summary>
/// <c>yarn.lock</c>, classic (v1, its own format) and berry (v2+, YAML). Both have one block per
/// resolved package, keyed by the descriptors (<c>name@range</c>) that resolved to it; dependencies are
/// descriptors too, so the graph links descriptor to block. Workspace and link entries are skipped.
/// </summary>
public sealed class YarnLockReader : ILockfileReader
{
    public string Id => "yarn-lock";

    public bool Matches(string fileName) => fileName.Equals("yarn.lock", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.ReadText();
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new LockfileException(input.DisplayPath, "binary content");
        var blocks = YarnBlocks.Parse(text);
        var byDescriptor = new Dictionary<string, (string Name, string Version)>(StringComparer.Ordinal);
        var packages = new List<(YarnBlock Block, string Name, string Version)>();
        foreach (var block in blocks)
        {
            if (block.Key == "__metadata" || !block.Fields.TryGetValue("version", out var version))
                continue;
            var resolution = block.Fields.GetValueOrDefault("resolution");
            if (resolution is not null && (resolution.Contains("@workspace:", StringComparison.Ordinal) || resolution.Contains("@link:", StringComparison.Ordinal)))
                continue;
            var name = resolution is not null ? NameOf(resolution) : RealName(block.Descriptors[0]);
            packages.Add((block, name, version));
            foreach (var descriptor in block.Descriptors)
                byDescriptor[descriptor] = (name, version);
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (block, name, version) in packages)
        {
            var edges = block.Dependencies
                .Select(d => byDescriptor.TryGetValue(d.Key + "@" + d.Value, out var hit) || byDescriptor.TryGetValue(d.Key + "@npm:" + d.Value, out hit) ? hit : default)
                .Where(hit => hit.Name is not null)
                .Select(hit => ComponentFactory.PurlFor(Ecosystems.Npm, hit.Name, hit.Version));
            var hash = ComponentFactory.FromIntegrity(block.Fields.GetValueOrDefault("integrity"));
            found.Add(ComponentFactory.Create(Ecosystems.Npm, name, version, input.DisplayPath) with
            {
                Hashes = hash is null ? [] : [hash],
                DependsOn = [.. edges],
            });
        }

        return found.Build();
    }

    /// <summary>The package name of <c>name@range</c>, <c>@scope/name@npm:range</c> or an alias <c>alias@npm:real@range</c>.</summary>
    internal static string RealName(string descriptor)
    {
        var at = descriptor.IndexOf('@', 1);
        if (at < 0)
            return descriptor;
        var range = descriptor[(at + 1)..];
        if (range.StartsWith("npm:", StringComparison.Ordinal) && range.IndexOf('@', 5) is var inner and > 0)
            return range[4..inner];
        return descriptor[..at];
    }

    private static string NameOf(string resolution)
    {
        var at = resolution.IndexOf('@', 1);
        return at < 0 ? resolution : resolution[..at];
    }
}
