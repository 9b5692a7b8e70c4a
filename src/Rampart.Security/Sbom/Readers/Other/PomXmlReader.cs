using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Other;

/// <summary>
/// <c>pom.xml</c>: the declared <c>dependencies</c> (not plugins), with <c>${property}</c> substitution
/// from the pom's properties, its project/parent coordinates and a local parent pom
/// (<c>relativePath</c>, default <c>../pom.xml</c>), and versions from <c>dependencyManagement</c>.
/// No remote resolution happens: transitive dependencies and parents outside the tree are not read,
/// and a version that stays unresolved drops the dependency.
/// </summary>
public sealed partial class PomXmlReader : ILockfileReader
{
    public string Id => "maven-pom";

    public bool Matches(string fileName) => fileName.Equals("pom.xml", StringComparison.Ordinal);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chain = new List<XElement>();
        var path = input.FullPath;
        for (var depth = 0; depth < 8 && path is not null; depth++)
        {
            var doc = depth == 0 ? XmlInput.Load(input) : XmlInput.Load(new LockfileInput(path, path));
            if (doc.Root?.Name.LocalName != "project")
            {
                if (depth == 0)
                    throw new LockfileException(input.DisplayPath, "the root element is not <project>");
                break;
            }

            chain.Add(doc.Root);
            path = ParentPath(doc.Root, path);
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Enumerable.Reverse(chain))
        {
            foreach (var p in project.Kids("properties").Elements())
                properties[p.Name.LocalName] = p.Value.Trim();
            foreach (var key in new[] { "groupId", "artifactId", "version" })
            {
                var value = project.Kid(key) ?? project.Kids("parent").FirstOrDefault()?.Kid(key);
                if (value is not null)
                    properties["project." + key] = properties["pom." + key] = value;
            }

            if (project.Kids("parent").FirstOrDefault() is { } parent)
                properties["project.parent.version"] = parent.Kid("version") ?? "";
        }

        var managed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Enumerable.Reverse(chain))
        {
            foreach (var d in project.Kids("dependencyManagement").Kids("dependencies").Kids("dependency"))
            {
                if (Interpolate(d.Kid("version"), properties) is { } v)
                    managed[Interpolate(d.Kid("groupId"), properties) + ":" + Interpolate(d.Kid("artifactId"), properties)] = v;
            }
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var d in chain[0].Kids("dependencies").Kids("dependency"))
        {
            var group = Interpolate(d.Kid("groupId"), properties);
            var artifact = Interpolate(d.Kid("artifactId"), properties);
            if (group is null || artifact is null)
                continue;
            var version = Interpolate(d.Kid("version"), properties) ?? managed.GetValueOrDefault(group + ":" + artifact);
            if (version is null)
                continue;
            version = version.Trim('[', ']');
            var scope = d.Kid("scope");
            found.Add(ComponentFactory.Create(Ecosystems.Maven, group + ":" + artifact, version, input.DisplayPath) with
            {
                Direct = true,
                Scope = scope is "test" or "provided" ? ComponentScope.Development : d.Kid("optional") == "true" ? ComponentScope.Optional : ComponentScope.Required,
            });
        }

        return found.Build();
    }

    private static string? ParentPath(XElement project, string path)
    {
        if (project.Kids("parent").FirstOrDefault() is not { } parent)
            return null;
        var relative = parent.Kid("relativePath") ?? "../pom.xml";
        if (relative.Length == 0)
            return null;
        var candidate = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative));
        if (Directory.Exists(candidate))
            candidate = Path.Combine(candidate, "pom.xml");
        return File.Exists(candidate) ? candidate : null;
    }

    private static string? Interpolate(string? text, Dictionary<string, string> properties)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        for (var round = 0; round < 10 && text.Contains("${", StringComparison.Ordinal); round++)
            text = PropertyRegex().Replace(text, m => properties.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        return text.Contains("${", StringComparison.Ordinal) ? null : text.Trim();
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex PropertyRegex();
}
