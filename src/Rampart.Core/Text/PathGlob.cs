namespace Rampart.Core.Text;

/// <summary>
/// Glob matching for branch and repository names: <c>*</c> matches within one <c>/</c>-separated
/// segment, <c>**</c> matches across segments, <c>?</c> matches one character other than <c>/</c>;
/// everything else is literal and case-sensitive. A dynamic programme over text positions, so the
/// cost is length(glob) × length(text) whatever the input: no backtracking, no regular expressions.
/// </summary>
public static class PathGlob
{
    public static bool IsMatch(string glob, string text)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(text);
        var current = new bool[text.Length + 1];
        var next = new bool[text.Length + 1];
        current[0] = true;
        for (var p = 0; p < glob.Length; p++)
        {
            Array.Clear(next);
            var c = glob[p];
            if (c == '*')
            {
                var crossesSlash = p + 1 < glob.Length && glob[p + 1] == '*';
                while (p + 1 < glob.Length && glob[p + 1] == '*')
                    p++;
                for (var t = 0; t <= text.Length; t++)
                    next[t] = current[t] || (t > 0 && next[t - 1] && (crossesSlash || text[t - 1] != '/'));
            }
            else
            {
                for (var t = 0; t < text.Length; t++)
                    next[t + 1] = current[t] && (c == '?' ? text[t] != '/' : text[t] == c);
            }

            (current, next) = (next, current);
        }

        return current[text.Length];
    }
}
