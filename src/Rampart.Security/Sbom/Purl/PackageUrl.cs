using System.Text;

namespace Rampart.Security.Sbom.Purl;

/// <summary>
/// A package URL (purl) per the package-url specification: <c>pkg:type/namespace/name@version?qualifiers#subpath</c>.
/// Instances are normalised for their type, so <see cref="ToString"/> gives the canonical form.
/// </summary>
public sealed record PackageUrl
{
    public PackageUrl(string type, string? @namespace, string name, string? version,
        IReadOnlyDictionary<string, string>? qualifiers = null, string? subpath = null)
    {
        if (string.IsNullOrEmpty(type))
            throw new FormatException("no type");
        if (string.IsNullOrEmpty(name))
            throw new FormatException("no name");
        Type = PurlRules.CheckType(type);
        var ns = string.IsNullOrEmpty(@namespace) ? null : @namespace.Trim('/');
        Namespace = PurlRules.NormalizeNamespace(Type, ns);
        Name = PurlRules.NormalizeName(Type, name.Trim('/'), Namespace);
        Version = string.IsNullOrEmpty(version) ? null : PurlRules.NormalizeVersion(Type, version);
        Qualifiers = PurlRules.NormalizeQualifiers(qualifiers);
        Subpath = string.IsNullOrEmpty(subpath) ? null : PurlRules.NormalizeSubpath(subpath);
        PurlRules.CheckTypeRules(this);
    }

    public string Type { get; }

    public string? Namespace { get; }

    public string Name { get; }

    public string? Version { get; }

    /// <summary>Qualifiers with lower-case keys, sorted by key; empty values are dropped.</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }

    public string? Subpath { get; }

    public static PackageUrl Parse(string text) =>
        TryParse(text, out var purl, out var error) ? purl : throw new FormatException($"Invalid purl '{text}': {error}");

    public static bool TryParse(string text, out PackageUrl purl, out string error) =>
        PurlParser.TryParse(text, out purl!, out error);

    public override string ToString()
    {
        var text = new StringBuilder("pkg:").Append(Type).Append('/');
        if (Namespace is not null)
        {
            foreach (var segment in Namespace.Split('/'))
                text.Append(PurlEncoding.Encode(segment)).Append('/');
        }

        text.Append(PurlEncoding.Encode(Name));
        if (Version is not null)
            text.Append('@').Append(PurlEncoding.Encode(Version));
        if (Qualifiers.Count > 0)
        {
            text.Append('?');
            var first = true;
            foreach (var (key, value) in Qualifiers)
            {
                if (!first)
                    text.Append('&');
                first = false;
                text.Append(key).Append('=').Append(PurlEncoding.Encode(value));
            }
        }

        if (Subpath is not null)
        {
            text.Append('#');
            text.AppendJoin('/', Subpath.Split('/').Select(s => PurlEncoding.Encode(s)));
        }

        return text.ToString();
    }

    public bool Equals(PackageUrl? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
