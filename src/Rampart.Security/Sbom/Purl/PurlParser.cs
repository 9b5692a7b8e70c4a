namespace Rampart.Security.Sbom.Purl;

/// <summary>The purl spec's parsing steps, right to left: subpath, qualifiers, scheme, type, version, name, namespace.</summary>
internal static class PurlParser
{
    public static bool TryParse(string text, out PackageUrl? purl, out string error)
    {
        purl = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty";
            return false;
        }

        try
        {
            var rest = text.Trim();
            string? subpath = null;
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                subpath = string.Join('/', rest[(hash + 1)..].Split('/')
                    .Where(s => s.Length > 0 && s != "." && s != "..").Select(PurlEncoding.Decode));
                rest = rest[..hash];
            }

            Dictionary<string, string>? qualifiers = null;
            var question = rest.IndexOf('?', StringComparison.Ordinal);
            if (question >= 0)
            {
                qualifiers = ParseQualifiers(rest[(question + 1)..]);
                rest = rest[..question];
            }

            if (!rest.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
            {
                error = "the scheme must be 'pkg:'";
                return false;
            }

            rest = rest[4..].TrimStart('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                error = slash == 0 ? "no type" : "no name";
                return false;
            }

            var type = rest[..slash];
            rest = rest[(slash + 1)..].TrimEnd('/');
            string? version = null;
            var at = rest.LastIndexOf('@');
            if (at >= 0 && at > rest.LastIndexOf('/'))
            {
                version = PurlEncoding.Decode(rest[(at + 1)..]);
                rest = rest[..at];
            }

            var lastSlash = rest.LastIndexOf('/');
            var name = PurlEncoding.Decode(lastSlash >= 0 ? rest[(lastSlash + 1)..] : rest);
            string? ns = null;
            if (lastSlash >= 0)
            {
                ns = string.Join('/', rest[..lastSlash].Split('/').Where(s => s.Length > 0).Select(PurlEncoding.Decode));
                if (ns.Split('/').Any(s => s.Contains('/', StringComparison.Ordinal)))
                    throw new FormatException("a namespace segment holds '/'");
            }

            if (name.Length == 0)
            {
                error = "no name";
                return false;
            }

            purl = new PackageUrl(type, ns, name, version, qualifiers, subpath);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static Dictionary<string, string> ParseQualifiers(string text)
    {
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
                continue;
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException($"qualifier '{pair}' has no key or no '='");
            var key = pair[..eq].ToLowerInvariant();
            var value = PurlEncoding.Decode(pair[(eq + 1)..]);
            if (value.Length == 0)
                continue;
            if (!qualifiers.TryAdd(key, value))
                throw new FormatException($"qualifier '{key}' appears twice");
        }

        return qualifiers;
    }
}
