using System.Text.Json;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Purl;
using Rampart.Security.Sbom.Readers;

namespace Rampart.Security.Sbom;

/// <summary>
/// Reads the components of an existing SBOM (CycloneDX JSON, any 1.x version, nested components
/// included; or SPDX 2.x JSON with purl external references) so <c>scan deps --sbom</c> can match
/// what another tool produced. Components without a purl of a matched type are skipped: they cannot be matched.
/// </summary>
public static class SbomFileReader
{
    public static SbomDocument Read(string path)
    {
        var input = new LockfileInput(path, path);
        using var doc = JsonInput.Parse(input);
        var root = doc.RootElement;
        var purls = new List<string>();
        string name;
        if (root.Str("bomFormat") == "CycloneDX")
        {
            Collect(root.Items("components"), purls);
            name = root.Obj("metadata").Obj("component").Str("name") ?? Path.GetFileName(path);
        }
        else if (root.Str("spdxVersion") is { } version && version.StartsWith("SPDX-2", StringComparison.Ordinal))
        {
            foreach (var package in root.Items("packages"))
                purls.AddRange(package.Items("externalRefs").Where(r => r.Str("referenceType") == "purl").Select(r => r.Str("referenceLocator")).OfType<string>());
            name = root.Str("name") ?? Path.GetFileName(path);
        }
        else
        {
            throw new LockfileException(path, "neither a CycloneDX nor an SPDX 2.x JSON document");
        }

        var found = new GraphBuilder(path);
        foreach (var text in purls)
        {
            if (FromPurl(text) is { } component)
                found.Add(component with { FoundIn = [path] });
        }

        return new SbomDocument(new SbomSubject(name, null, DateTimeOffset.UtcNow), found.Build()) { Sources = [path] };
    }

    /// <summary>A component from a purl with a version, for the ecosystems Rampart matches; null otherwise.</summary>
    public static Component? FromPurl(string text)
    {
        if (!PackageUrl.TryParse(text, out var purl, out _) || purl.Version is null || Ecosystems.FromPurlType(purl.Type) is not { } ecosystem)
            return null;
        var name = ecosystem switch
        {
            Ecosystems.Maven => $"{purl.Namespace}:{purl.Name}",
            _ when purl.Namespace is not null => $"{purl.Namespace}/{purl.Name}",
            _ => purl.Name,
        };
        return ComponentFactory.Create(ecosystem, name, purl.Version, "");
    }

    private static void Collect(IEnumerable<JsonElement> components, List<string> purls)
    {
        foreach (var component in components)
        {
            if (component.Str("purl") is { } purl)
                purls.Add(purl);
            Collect(component.Items("components"), purls);
        }
    }
}
