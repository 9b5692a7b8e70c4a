namespace Rampart.Security.Sbom.Readers.Npm;

/// <summary>
/// Splits either yarn.lock dialect into blocks by indentation. Classic writes <c>key "value"</c>,
/// berry writes <c>key: value</c>; both put a block's descriptors, comma-separated, on its first line.
/// </summary>
internal static class YarnBlocks
{
    public static List<YarnBlock> Parse(string text)
    {
        var blocks = new List<YarnBlock>();
        YarnBlock? current = null;
        string? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            var indent = line.Length - line.TrimStart().Length;
            var content = line.Trim();
            if (indent == 0)
            {
                var key = content.TrimEnd(':');
                var descriptors = key.Split(',').Select(d => Unquote(d.Trim())).Where(d => d.Length > 0).ToList();
                current = new YarnBlock(key, descriptors, new(StringComparer.Ordinal), new(StringComparer.Ordinal));
                blocks.Add(current);
                section = null;
                continue;
            }

            if (current is null)
                continue;
            var (name, value) = SplitField(content);
            if (indent <= 2)
            {
                section = value.Length == 0 ? name : null;
                if (value.Length > 0)
                    current.Fields[name] = value;
            }
            else if (section is "dependencies" or "optionalDependencies")
            {
                current.Dependencies[name] = value;
            }
        }

        return blocks;
    }

    private static (string Name, string Value) SplitField(string content)
    {
        string name;
        string rest;
        if (content.StartsWith('"'))
        {
            var end = content.IndexOf('"', 1);
            name = end > 0 ? content[1..end] : content.Trim('"');
            rest = end > 0 ? content[(end + 1)..] : "";
        }
        else
        {
            var cut = content.IndexOfAny([' ', ':']);
            name = cut < 0 ? content : content[..cut];
            rest = cut < 0 ? "" : content[cut..];
        }

        rest = rest.TrimStart(':').Trim();
        return (name, Unquote(rest));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
