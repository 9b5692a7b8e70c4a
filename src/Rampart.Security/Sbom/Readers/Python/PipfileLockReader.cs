using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Python;

/// <summary><c>Pipfile.lock</c>: <c>default</c> (required) and <c>develop</c> (development) sections, versions as <c>==x</c>, sha256 hashes.</summary>
public sealed class PipfileLockReader : ILockfileReader
{
    public string Id => "pipfile-lock";

    public bool Matches(string fileName) => fileName.Equals("Pipfile.lock", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var doc = JsonInput.Parse(input);
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (section, scope) in new[] { ("default", ComponentScope.Required), ("develop", ComponentScope.Development) })
        {
            foreach (var package in doc.RootElement.Obj(section).Props())
            {
                var version = package.Value.Str("version");
                if (version is null || !version.StartsWith("==", StringComparison.Ordinal))
                    continue;
                var hash = package.Value.Items("hashes").Select(h => h.GetString()).FirstOrDefault(h => h?.StartsWith("sha256:", StringComparison.Ordinal) == true);
                found.Add(ComponentFactory.Create(Ecosystems.PyPI, package.Name, version.TrimStart('=').Trim(), input.DisplayPath) with
                {
                    Scope = scope,
                    Hashes = hash is null ? [] : [new ComponentHash("SHA-256", hash[7..])],
                });
            }
        }

        return found.Build();
    }
}
