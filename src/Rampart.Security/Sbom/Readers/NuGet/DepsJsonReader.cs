using System.Text.Json;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.NuGet;

/// <summary>
/// <c>*.deps.json</c>, published next to a .NET application: what actually ships. The runtime
/// target's entries give the graph; <c>libraries</c> says which are packages (not projects) and their hash.
/// </summary>
public sealed class DepsJsonReader : ILockfileReader
{
    public string Id => "nuget-deps-json";

    public bool Matches(string fileName) => fileName.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var root = doc.RootElement;
        var libraries = root.Obj("libraries");
        var targetName = root.Obj("runtimeTarget").Str("name");
        var targets = root.Obj("targets");
        if (targets.ValueKind != JsonValueKind.Object || libraries.ValueKind != JsonValueKind.Object)
            throw new LockfileException(input.DisplayPath, "no 'targets' or 'libraries' object");
        var target = targetName is not null ? targets.Obj(targetName) : targets.EnumerateObject().FirstOrDefault().Value;
        var packages = libraries.EnumerateObject()
            .Where(l => l.Value.Str("type") == "package" && ProjectAssetsJsonReader.Split(l.Name) is not null)
            .ToDictionary(l => l.Name, l => l.Value, StringComparer.OrdinalIgnoreCase);
        var versions = packages.Keys.Select(k => ProjectAssetsJsonReader.Split(k)!.Value)
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Version, StringComparer.OrdinalIgnoreCase);

        // The application itself (a "project" library) names the direct references.
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in target.Props())
        {
            var library = libraries.Obj(entry.Name);
            if (library.Str("type") == "project")
            {
                foreach (var d in entry.Value.Obj("dependencies").Props())
                    direct.Add(d.Name);
            }
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (key, library) in packages)
        {
            var (name, version) = ProjectAssetsJsonReader.Split(key)!.Value;
            var edges = target.Obj(key).Obj("dependencies").Props()
                .Select(d => versions.TryGetValue(d.Name, out var v) ? ComponentFactory.PurlFor(Ecosystems.NuGet, d.Name, v) : null)
                .OfType<string>();
            var sha = library.Str("sha512");
            var hash = sha is not null && sha.StartsWith("sha512-", StringComparison.Ordinal) ? ComponentFactory.FromIntegrity(sha) : null;
            found.Add(ComponentFactory.Create(Ecosystems.NuGet, name, version, input.DisplayPath) with
            {
                Direct = direct.Count > 0 ? direct.Contains(name) : null,
                Hashes = hash is null ? [] : [hash],
                DependsOn = [.. edges],
            });
        }

        return found.Build();
    }
}
