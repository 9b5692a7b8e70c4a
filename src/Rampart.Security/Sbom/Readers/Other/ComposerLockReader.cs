using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Other;

/// <summary><c>composer.lock</c>: <c>packages</c> (required) and <c>packages-dev</c> (development), with their <c>require</c> edges and licenses.</summary>
public sealed class ComposerLockReader : ILockfileReader
{
    public string Id => "composer-lock";

    public bool Matches(string fileName) => fileName.Equals("composer.lock", StringComparison.Ordinal);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var all = doc.RootElement.Items("packages").Select(p => (p, ComponentScope.Required))
            .Concat(doc.RootElement.Items("packages-dev").Select(p => (p, ComponentScope.Development))).ToList();
        var versions = all.Where(x => x.p.Str("name") is not null && x.p.Str("version") is not null)
            .GroupBy(x => x.p.Str("name")!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => Clean(g.First().p.Str("version")!), StringComparer.OrdinalIgnoreCase);
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (package, scope) in all)
        {
            var name = package.Str("name");
            var version = package.Str("version");
            if (name is null || version is null)
                continue;
            var license = package.Items("license").Select(l => l.GetString()).OfType<string>().ToList();
            var hash = package.Obj("dist").Str("shasum");
            found.Add(ComponentFactory.Create(Ecosystems.Packagist, name, Clean(version), input.DisplayPath) with
            {
                Scope = scope,
                License = license.Count == 0 ? null : string.Join(" OR ", license),
                Hashes = hash is { Length: 40 } ? [new ComponentHash("SHA-1", hash)] : [],
                DependsOn = [.. package.Obj("require").Props().Where(r => versions.ContainsKey(r.Name))
                    .Select(r => ComponentFactory.PurlFor(Ecosystems.Packagist, r.Name, versions[r.Name]))],
            });
        }

        return found.Build();
    }

    // Composer writes "v1.2.3" for tags named so; Packagist advisories use the bare version.
    private static string Clean(string version) => version.Length > 1 && version[0] == 'v' && char.IsAsciiDigit(version[1]) ? version[1..] : version;
}
