using System.Xml.Linq;
using NuGet.Versioning;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.NuGet;

/// <summary>
/// <c>*.csproj</c>, <c>*.fsproj</c>, <c>*.vbproj</c> and <c>Directory.Packages.props</c>: declared
/// <c>PackageReference</c>s, with versions from Central Package Management (the nearest
/// <c>Directory.Packages.props</c> above the project) when the reference has none. These are direct
/// references only; a lockfile or <c>project.assets.json</c> next to the project gives the full graph.
/// A range (<c>[1.2,2.0)</c>) is recorded at its lower bound, which is what NuGet restores.
/// </summary>
public sealed class ProjectFileReader : ILockfileReader
{
    public string Id => "nuget-project-file";

    public bool Matches(string fileName) =>
        fileName.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase)
        || fileName.Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var doc = XmlInput.Load(input);
        if (doc.Root?.Name.LocalName != "Project")
            throw new LockfileException(input.DisplayPath, "the root element is not <Project>");
        var isProps = Path.GetFileName(input.FullPath).Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase);
        var central = isProps ? Versions(doc) : CentralVersions(input.FullPath);
        var found = new GraphBuilder(input.DisplayPath);
        var references = doc.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "GlobalPackageReference");
        foreach (var reference in references)
        {
            var name = (reference.Attribute("Include")?.Value ?? reference.Attribute("Update")?.Value)?.Trim();
            if (string.IsNullOrEmpty(name) || name.Contains("$(", StringComparison.Ordinal))
                continue;
            var declared = reference.AttrOrKid("VersionOverride") ?? reference.AttrOrKid("Version")
                ?? (central.TryGetValue(name, out var v) ? v : null);
            var version = Pinned(declared);
            if (version is null)
                continue;
            var development = string.Equals(reference.AttrOrKid("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase);
            found.Add(ComponentFactory.Create(Ecosystems.NuGet, name, version, input.DisplayPath) with
            {
                Direct = true,
                Scope = development ? ComponentScope.Development : ComponentScope.Required,
            });
        }

        return found.Build();
    }

    internal static string? Pinned(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared) || declared.Contains("$(", StringComparison.Ordinal))
            return null;
        if (NuGetVersion.TryParse(declared, out var exact))
            return exact.ToNormalizedString();
        return VersionRange.TryParse(declared, out var range) && range.MinVersion is not null ? range.MinVersion.ToNormalizedString() : null;
    }

    private static Dictionary<string, string> CentralVersions(string projectPath)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(projectPath)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var props = Path.Combine(dir, "Directory.Packages.props");
            if (File.Exists(props))
                return Versions(XmlInput.Load(new LockfileInput(props, props)));
        }

        return new(StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Versions(XDocument doc)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in doc.Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
        {
            var name = (item.Attribute("Include")?.Value ?? item.Attribute("Update")?.Value)?.Trim();
            var version = item.AttrOrKid("Version");
            if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(version))
                versions[name] = version;
        }

        return versions;
    }
}
