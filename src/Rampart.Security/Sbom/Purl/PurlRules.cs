namespace Rampart.Security.Sbom.Purl;

/// <summary>
/// Type-specific normalisation and checks from the purl type definitions (case folding, namespace
/// required or prohibited). Types not listed here keep their text as given.
/// </summary>
internal static class PurlRules
{
    private static readonly HashSet<string> NamespaceRequired = new(StringComparer.Ordinal)
    { "alpm", "apk", "bitbucket", "composer", "deb", "git", "github", "golang", "huggingface", "maven", "qpkg", "rpm", "swift", "vscode-extension" };

    private static readonly HashSet<string> NamespaceProhibited = new(StringComparer.Ordinal)
    { "bazel", "bitnami", "cargo", "chrome-extension", "cocoapods", "conda", "cran", "gem", "hackage", "julia", "mlflow", "nuget", "oci", "opam", "otp", "pub", "pypi", "vcpkg" };

    private static readonly HashSet<string> LowerNamespace = new(StringComparer.Ordinal)
    { "alpm", "apk", "bitbucket", "brew", "composer", "deb", "github", "hex", "luarocks", "qpkg", "vscode-extension", "yocto" };

    private static readonly HashSet<string> LowerName = new(StringComparer.Ordinal)
    { "alpm", "apk", "bitbucket", "bitnami", "brew", "chrome-extension", "composer", "deb", "github", "hex", "luarocks", "oci", "otp", "pub", "pypi", "vscode-extension" };

    private static readonly HashSet<string> LowerVersion = new(StringComparer.Ordinal) { "huggingface", "oci", "pypi", "vscode-extension" };

    public static string CheckType(string type)
    {
        if (type.Length == 0)
            throw new FormatException("no type");
        if (!char.IsAsciiLetter(type[0]))
            throw new FormatException($"type '{type}' must start with a letter");
        foreach (var c in type)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-')
                throw new FormatException($"type '{type}' holds '{c}'");
        }

        return type.ToLowerInvariant();
    }

    public static string? NormalizeNamespace(string type, string? ns)
    {
        if (ns is null)
            return null;
        if (ns.Split('/').Any(s => s.Length == 0))
            ns = string.Join('/', ns.Split('/').Where(s => s.Length > 0));
        return ns.Length == 0 ? null : LowerNamespace.Contains(type) ? ns.ToLowerInvariant() : ns;
    }

    public static string NormalizeName(string type, string name, string? ns)
    {
        if (name.Length == 0)
            throw new FormatException("no name");
        if (LowerName.Contains(type))
            name = name.ToLowerInvariant();
        if (type == "pypi")
            name = name.Replace('_', '-');
        if (type == "pub")
            name = new string(name.Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_').ToArray());
        _ = ns;
        return name;
    }

    public static string NormalizeVersion(string type, string version) =>
        LowerVersion.Contains(type) ? version.ToLowerInvariant() : version;

    public static IReadOnlyDictionary<string, string> NormalizeQualifiers(IReadOnlyDictionary<string, string>? qualifiers)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (qualifiers is null)
            return sorted;
        foreach (var (rawKey, value) in qualifiers)
        {
            var key = rawKey.ToLowerInvariant();
            if (key.Length == 0 || !char.IsAsciiLetter(key[0]) || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-' and not '_'))
                throw new FormatException($"qualifier key '{rawKey}' is not valid");
            if (!string.IsNullOrEmpty(value))
                sorted[key] = value;
        }

        return sorted;
    }

    public static string? NormalizeSubpath(string subpath)
    {
        var parts = subpath.Split('/').Where(s => s.Length > 0 && s != "." && s != "..").ToArray();
        return parts.Length == 0 ? null : string.Join('/', parts);
    }

    public static void CheckTypeRules(PackageUrl purl)
    {
        if (NamespaceRequired.Contains(purl.Type) && purl.Namespace is null)
            throw new FormatException($"a '{purl.Type}' purl needs a namespace");
        if (NamespaceProhibited.Contains(purl.Type) && purl.Namespace is not null)
            throw new FormatException($"a '{purl.Type}' purl has no namespace");
        if (purl.Type is "swift" or "huggingface" or "cran" or "conan" && purl.Version is null && purl.Type is "swift" or "cran")
            throw new FormatException($"a '{purl.Type}' purl needs a version");
    }
}
