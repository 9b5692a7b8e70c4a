using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Toml;

namespace Rampart.Security.Sbom.Readers.Python;

/// <summary>
/// <c>poetry.lock</c> and <c>uv.lock</c>: TOML with one <c>[[package]]</c> per resolved package and its
/// dependencies by name. Poetry 1.x marks dev packages with <c>category = "dev"</c>; uv marks the
/// project itself with an editable or virtual source (skipped) and gives hashes in <c>sdist</c>.
/// </summary>
public sealed class PoetryUvLockReader : ILockfileReader
{
    public string Id => "python-toml-lock";

    public bool Matches(string fileName) =>
        fileName.Equals("poetry.lock", StringComparison.OrdinalIgnoreCase) || fileName.Equals("uv.lock", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Dictionary<string, object?> doc;
        try
        {
            doc = TomlReader.Parse(input.ReadText());
        }
        catch (FormatException e)
        {
            throw new LockfileException(input.DisplayPath, e.Message, e);
        }

        var packages = doc.Tables("package").Where(p => p.Str("name") is not null && p.Str("version") is not null).ToList();
        var local = packages.Where(p => p.Table("source") is { } s && (s.ContainsKey("editable") || s.ContainsKey("virtual"))).ToList();
        var versions = packages.GroupBy(p => ComponentFactory.Pep503(p.Str("name")!)).ToDictionary(g => g.Key, g => g.First().Str("version")!, StringComparer.Ordinal);
        var direct = local.SelectMany(p => p.List("dependencies")).OfType<Dictionary<string, object?>>()
            .Select(d => d.Str("name")).OfType<string>().Select(ComponentFactory.Pep503).ToHashSet(StringComparer.Ordinal);
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var package in packages.Except(local))
        {
            var edges = Dependencies(package).Where(versions.ContainsKey).Select(n => ComponentFactory.PurlFor(Ecosystems.PyPI, n, versions[n]));
            var hash = package.Table("sdist").Str("hash");
            found.Add(ComponentFactory.Create(Ecosystems.PyPI, package.Str("name")!, package.Str("version")!, input.DisplayPath) with
            {
                Direct = local.Count > 0 ? direct.Contains(ComponentFactory.Pep503(package.Str("name")!)) : null,
                Scope = package.Str("category") == "dev" ? ComponentScope.Development
                    : package.Str("optional") == "true" ? ComponentScope.Optional : ComponentScope.Required,
                Hashes = hash is not null && hash.StartsWith("sha256:", StringComparison.Ordinal) ? [new ComponentHash("SHA-256", hash[7..])] : [],
                DependsOn = [.. edges],
            });
        }

        return found.Build();
    }

    // Poetry: [package.dependencies] name = "spec"; uv: dependencies = [{ name = "x" }].
    private static IEnumerable<string> Dependencies(Dictionary<string, object?> package)
    {
        if (package.Table("dependencies") is { } table)
            return table.Keys.Select(ComponentFactory.Pep503);
        return package.List("dependencies").OfType<Dictionary<string, object?>>().Select(d => d.Str("name")).OfType<string>().Select(ComponentFactory.Pep503);
    }
}
