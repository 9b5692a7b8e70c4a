using System.Text.Json;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.NuGet;

/// <summary>
/// <c>obj/project.assets.json</c>, written by every restore: the full resolved graph per target
/// framework (<c>targets</c>), hashes (<c>libraries</c>) and the project's own references (<c>project</c>).
/// </summary>
public sealed class ProjectAssetsJsonReader : ILockfileReader
{
    public string Id => "nuget-project-assets";

    public bool Matches(string fileName) => fileName.Equals("project.assets.json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var root = doc.RootElement;
        var targets = root.Obj("targets");
        if (targets.ValueKind != JsonValueKind.Object)
            throw new LockfileException(input.DisplayPath, "no 'targets' object");
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var development = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var framework in root.Obj("project").Obj("frameworks").Props())
        {
            foreach (var dependency in framework.Value.Obj("dependencies").Props())
            {
                direct.Add(dependency.Name);
                if (string.Equals(dependency.Value.Str("suppressParent"), "All", StringComparison.OrdinalIgnoreCase))
                    development.Add(dependency.Name);
            }
        }

        var libraries = root.Obj("libraries");
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var framework in targets.EnumerateObject())
        {
            var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in framework.Value.Props())
            {
                if (Split(entry.Name) is var (n, v) && entry.Value.Str("type") != "project")
                    versions[n] = v;
            }

            foreach (var entry in framework.Value.Props())
            {
                if (entry.Value.Str("type") == "project" || Split(entry.Name) is not var (name, version))
                    continue;
                var edges = entry.Value.Obj("dependencies").Props()
                    .Select(d => versions.TryGetValue(d.Name, out var v) ? ComponentFactory.PurlFor(Ecosystems.NuGet, d.Name, v) : null)
                    .OfType<string>();
                var sha = libraries.Obj(entry.Name).Str("sha512");
                var hash = sha is not null && ComponentFactory.TryBase64Hex(sha, out var hex) ? new ComponentHash("SHA-512", hex) : null;
                found.Add(ComponentFactory.Create(Ecosystems.NuGet, name, version, input.DisplayPath) with
                {
                    Direct = direct.Contains(name),
                    Scope = development.Contains(name) ? ComponentScope.Development : ComponentScope.Required,
                    Hashes = hash is null ? [] : [hash],
                    DependsOn = [.. edges],
                });
            }
        }

        return found.Build();
    }

    internal static (string Name, string Version)? Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < key.Length - 1 ? (key[..slash], key[(slash + 1)..]) : null;
    }
}
