using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.NuGet;

/// <summary><c>packages.config</c> (the pre-PackageReference format): a flat list, every entry pinned.</summary>
public sealed class PackagesConfigReader : ILockfileReader
{
    public string Id => "nuget-packages-config";

    public bool Matches(string fileName) => fileName.Equals("packages.config", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var doc = XmlInput.Load(input);
        if (doc.Root?.Name.LocalName != "packages")
            throw new LockfileException(input.DisplayPath, "the root element is not <packages>");
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var package in doc.Root.Kids("package"))
        {
            var id = package.Attribute("id")?.Value.Trim();
            var version = package.Attribute("version")?.Value.Trim();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version))
                continue;
            var development = string.Equals(package.Attribute("developmentDependency")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            found.Add(ComponentFactory.Create(Ecosystems.NuGet, id, version, input.DisplayPath) with
            {
                Direct = null,
                Scope = development ? ComponentScope.Development : ComponentScope.Required,
            });
        }

        return found.Build();
    }
}
