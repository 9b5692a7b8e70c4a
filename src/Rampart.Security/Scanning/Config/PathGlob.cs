using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Globs over forward-slash relative paths: <c>*</c> within one segment, <c>**</c> across segments,
/// <c>?</c> one character. A glob without a slash matches a name at any depth (like .gitignore).
/// </summary>
internal sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string glob)
    {
        var pattern = glob.Trim().TrimStart('/');
        if (pattern.EndsWith('/'))
            pattern += "**";
        var anyDepth = !pattern.Contains('/', StringComparison.Ordinal);
        var text = new StringBuilder(anyDepth ? "^(?:.*/)?" : "^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                text.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                text.Append("[^/]*");
            }
            else if (c == '?')
            {
                text.Append("[^/]");
            }
            else
            {
                text.Append(Regex.Escape(c.ToString()));
            }
        }

        text.Append("(?:/.*)?$");
        _regex = new Regex(text.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);
}
