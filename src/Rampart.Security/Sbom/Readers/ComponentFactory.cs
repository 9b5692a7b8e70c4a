using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Purl;

namespace Rampart.Security.Sbom.Readers;

/// <summary>Builds components with their purl from the ecosystem's own name and version.</summary>
public static class ComponentFactory
{
    public static Component Create(string ecosystem, string name, string version, string foundIn) =>
        new(ecosystem, NormalizeName(ecosystem, name), version, PurlFor(ecosystem, name, version)) { FoundIn = [foundIn] };

    /// <summary>The name as OSV spells it for the ecosystem (PyPI names per PEP 503).</summary>
    public static string NormalizeName(string ecosystem, string name) =>
        ecosystem == Ecosystems.PyPI ? Pep503(name) : name;

    public static string PurlFor(string ecosystem, string name, string? version)
    {
        PackageUrl purl = ecosystem switch
        {
            Ecosystems.NuGet => new("nuget", null, name, version),
            Ecosystems.Npm => name.StartsWith('@') && name.Contains('/', StringComparison.Ordinal)
                ? new("npm", name[..name.IndexOf('/', StringComparison.Ordinal)], name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..], version)
                : new("npm", null, name, version),
            Ecosystems.PyPI => new("pypi", null, Pep503(name), version),
            Ecosystems.Maven => new("maven", name.Split(':')[0], name.Split(':').ElementAtOrDefault(1) ?? name, version),
            Ecosystems.Go => name.Contains('/', StringComparison.Ordinal)
                ? new("golang", name[..name.LastIndexOf('/')], name[(name.LastIndexOf('/') + 1)..], version)
                : new("golang", name, name, version),
            Ecosystems.CratesIo => new("cargo", null, name, version),
            Ecosystems.RubyGems => new("gem", null, name, version),
            Ecosystems.Packagist => name.Contains('/', StringComparison.Ordinal)
                ? new("composer", name[..name.IndexOf('/', StringComparison.Ordinal)], name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..], version)
                : new("generic", null, name, version),
            _ => new("generic", null, name, version),
        };
        return purl.ToString();
    }

    /// <summary>PEP 503 normalisation: lower-case, runs of '-', '_' and '.' become one '-'.</summary>
    public static string Pep503(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        var lastSeparator = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                if (!lastSeparator)
                    text.Append('-');
                lastSeparator = true;
            }
            else
            {
                text.Append(char.ToLowerInvariant(c));
                lastSeparator = false;
            }
        }

        return text.ToString();
    }

    /// <summary>Converts an SRI integrity string (<c>sha512-BASE64</c>) to a hash, or null.</summary>
    public static ComponentHash? FromIntegrity(string? integrity)
    {
        if (string.IsNullOrWhiteSpace(integrity))
            return null;
        var first = integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var dash = first.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0)
            return null;
        var algorithm = first[..dash].ToUpperInvariant() switch
        {
            "SHA512" => "SHA-512",
            "SHA384" => "SHA-384",
            "SHA256" => "SHA-256",
            "SHA1" => "SHA-1",
            _ => null,
        };
        return algorithm is not null && TryBase64Hex(first[(dash + 1)..], out var hex) ? new ComponentHash(algorithm, hex) : null;
    }

    public static bool TryBase64Hex(string base64, out string hex)
    {
        var buffer = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, buffer, out var written))
        {
            hex = Convert.ToHexStringLower(buffer.AsSpan(0, written));
            return true;
        }

        hex = "";
        return false;
    }
}
