using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>
/// The patterns of one .gitignore file (gitignore(5)): blank and # lines skipped, ! negates, a trailing
/// / matches only directories, a / elsewhere anchors to the file's folder, * ? [..] and ** globs.
/// Used only outside git work trees; inside one, git itself lists the files.
/// </summary>
internal sealed class GitIgnore
{
    private readonly List<(Regex Pattern, bool Negate, bool DirectoryOnly)> _rules = [];

    public GitIgnore(string baseRelative, IEnumerable<string> lines)
    {
        BaseRelative = baseRelative;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
                continue;
            line = line.TrimEnd(' ');
            var negate = line[0] == '!';
            if (negate)
                line = line[1..];
            if (line.StartsWith("\\#", StringComparison.Ordinal) || line.StartsWith("\\!", StringComparison.Ordinal))
                line = line[1..];
            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
                continue;
            var anchored = line.Contains('/', StringComparison.Ordinal);
            line = line.TrimStart('/');
            var body = Glob(line);
            var pattern = anchored ? "^" + body + "$" : "(?:^|/)" + body + "$";
            _rules.Add((new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant), negate, directoryOnly));
        }
    }

    /// <summary>The folder holding the .gitignore, relative to the scan root ("" for the root).</summary>
    public string BaseRelative { get; }

    /// <summary>True ignored, false re-included, null when no pattern speaks about the path.</summary>
    public bool? Decide(string relativeToBase, bool isDirectory)
    {
        bool? verdict = null;
        foreach (var (pattern, negate, directoryOnly) in _rules)
        {
            if (directoryOnly && !isDirectory)
                continue;
            if (pattern.IsMatch(relativeToBase))
                verdict = !negate;
        }

        return verdict;
    }

    private static string Glob(string glob)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                builder.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
                builder.Append("[^/]*");
            else if (c == '?')
                builder.Append("[^/]");
            else if (c == '[')
            {
                var close = glob.IndexOf(']', i + 1);
                if (close < 0)
                {
                    builder.Append(@"\[");
                    continue;
                }

                var set = glob[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                builder.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length)
                builder.Append(Regex.Escape(glob[++i].ToString()));
            else
                builder.Append(Regex.Escape(c.ToString()));
        }

        return builder.ToString();
    }
}
