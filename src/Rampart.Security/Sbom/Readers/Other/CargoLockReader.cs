using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Toml;

namespace Rampart.Security.Sbom.Readers.Other;

/// <summary><c>Cargo.lock</c>: every <c>[[package]]</c> with a registry or git source (workspace members have none) and its dependency graph.</summary>
public sealed class CargoLockReader : ILockfileReader
{
    public string Id => "cargo-lock";

    public bool Matches(string fileName) => fileName.Equals("Cargo.lock", StringComparison.Ordinal);

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
        var byName = packages.GroupBy(p => p.Str("name")!).ToDictionary(g => g.Key, g => g.Select(p => p.Str("version")!).ToList(), StringComparer.Ordinal);
        var local = packages.Where(p => p.Str("source") is null).ToList();
        var direct = local.SelectMany(p => p.List("dependencies")).OfType<string>().Select(d => d.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var package in packages.Except(local))
        {
            // A dependency is "name" when one version is locked, else "name version" (or "name version (source)").
            var edges = package.List("dependencies").OfType<string>().Select(d => d.Split(' '))
                .Select(w => w.Length > 1 ? (w[0], w[1]) : byName.TryGetValue(w[0], out var vs) && vs.Count == 1 ? (w[0], vs[0]) : default)
                .Where(e => e.Item1 is not null).Select(e => ComponentFactory.PurlFor(Ecosystems.CratesIo, e.Item1, e.Item2));
            var checksum = package.Str("checksum");
            found.Add(ComponentFactory.Create(Ecosystems.CratesIo, package.Str("name")!, package.Str("version")!, input.DisplayPath) with
            {
                Direct = local.Count > 0 ? direct.Contains(package.Str("name")!) : null,
                Hashes = checksum is { Length: 64 } ? [new ComponentHash("SHA-256", checksum)] : [],
                DependsOn = [.. edges],
            });
        }

        return found.Build();
    }
}
