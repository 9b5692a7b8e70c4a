using System.Text;

namespace Rampart.Security.Scanning.Config.Dockerfile;

/// <summary>
/// Splits a Dockerfile into instructions: joins line continuations (honouring the <c># escape=</c>
/// directive), drops comments, and keeps heredoc bodies (<c>RUN &lt;&lt;EOF</c>) with their instruction.
/// </summary>
internal static class DockerfileParser
{
    public static List<DockerInstruction> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var result = new List<DockerInstruction>();
        var stage = -1;
        var i = 0;
        // Parser directives are only recognised before the first instruction or comment line that is not a directive.
        while (i < lines.Length && lines[i].TrimStart().StartsWith('#'))
        {
            var directive = lines[i].TrimStart('#', ' ', '\t');
            if (directive.StartsWith("escape=", StringComparison.OrdinalIgnoreCase) && directive.Length > 7)
                escape = directive[7];
            else if (!directive.Contains('=', StringComparison.Ordinal))
                break;
            i++;
        }

        for (; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            var start = i + 1;
            var text1 = new StringBuilder();
            var line = lines[i].TrimEnd();
            while (line.EndsWith(escape) && i + 1 < lines.Length)
            {
                text1.Append(line, 0, line.Length - 1).Append(' ');
                i++;
                while (i < lines.Length && lines[i].TrimStart().StartsWith('#'))
                    i++;
                line = i < lines.Length ? lines[i].TrimEnd() : "";
            }

            text1.Append(line);
            var full = text1.ToString().Trim();
            var space = full.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : full[(space + 1)..].Trim();
            if (HeredocWord(args) is { } word)
            {
                var body = new StringBuilder(args);
                while (i + 1 < lines.Length)
                {
                    i++;
                    if (lines[i].Trim() == word)
                        break;
                    body.Append('\n').Append(lines[i]);
                }

                args = body.ToString();
            }

            if (keyword == "FROM")
                stage++;
            result.Add(new DockerInstruction(keyword, args, start, Math.Max(stage, 0)));
        }

        return result;
    }

    private static string? HeredocWord(string args)
    {
        var at = args.IndexOf("<<", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = args[(at + 2)..].TrimStart('-');
        var end = 0;
        while (end < rest.Length && (char.IsLetterOrDigit(rest[end]) || rest[end] is '_' or '"' or '\''))
            end++;
        var word = rest[..end].Trim('"', '\'');
        return word.Length > 0 ? word : null;
    }
}
