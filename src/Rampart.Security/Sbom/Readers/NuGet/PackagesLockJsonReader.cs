using System.Text.Json;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.NuGet;

/// <summary>
/// <c>packages.lock.json</c> (NuGet lock mode): per target framework, each package with its type
/// (Direct, Transitive, CentralTransitive, Project), resolved version, content hash and dependencies.
/// </summary>
public sealed class PackagesLockJsonReader : ILockfileReader
{
    public string Id => "nuget-packages-lock";

    public bool Matches(string fileName) => fileName.Equals("packages.lock.json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var frameworks = doc.RootElement.Obj("dependencies");
        if (frameworks.ValueKind != JsonValueKind.Object)
            throw new LockfileException(input.DisplayPath, "no 'dependencies' object");
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var framework in frameworks.EnumerateObject())
        {
            var resolved = framework.Value.Props().ToDictionary(p => p.Name, p => p.Value.Str("resolved"), StringComparer.OrdinalIgnoreCase);
            foreach (var package in framework.Value.Props())
            {
                var type = package.Value.Str("type");
                var version = package.Value.Str("resolved");
                if (type == "Project" || version is null)
                    continue;
                var edges = package.Value.Obj("dependencies").Props()
                    .Select(d => resolved.TryGetValue(d.Name, out var v) && v is not null ? ComponentFactory.PurlFor(Ecosystems.NuGet, d.Name, v) : null)
                    .OfType<string>();
                var hash = package.Value.Str("contentHash") is { } h && ComponentFactory.TryBase64Hex(h, out var hex) ? new ComponentHash("SHA-512", hex) : null;
                found.Add(ComponentFactory.Create(Ecosystems.NuGet, package.Name, version, input.DisplayPath) with
                {
                    Direct = type == "Direct",
                    Hashes = hash is null ? [] : [hash],
                    DependsOn = [.. edges],
                });
            }
        }

        return found.Build();
    }
}
