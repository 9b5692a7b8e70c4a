namespace Rampart.Security.Sbom.Model;

/// <summary>Ecosystem names exactly as OSV spells them, so components and advisories meet without mapping.</summary>
public static class Ecosystems
{
    public const string NuGet = "NuGet";
    public const string Npm = "npm";
    public const string PyPI = "PyPI";
    public const string Maven = "Maven";
    public const string Go = "Go";
    public const string CratesIo = "crates.io";
    public const string RubyGems = "RubyGems";
    public const string Packagist = "Packagist";

    public static IReadOnlyList<string> All { get; } = [NuGet, Npm, PyPI, Maven, Go, CratesIo, RubyGems, Packagist];

    /// <summary>The OSV ecosystem for a purl type, or null for a type Rampart does not match.</summary>
    public static string? FromPurlType(string type) => type switch
    {
        "nuget" => NuGet,
        "npm" => Npm,
        "pypi" => PyPI,
        "maven" => Maven,
        "golang" => Go,
        "cargo" => CratesIo,
        "gem" => RubyGems,
        "composer" => Packagist,
        _ => null,
    };
}
