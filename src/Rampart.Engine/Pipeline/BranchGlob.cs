namespace Rampart.Engine.Pipeline;

/// <summary>
/// Glob matching for branch names: <c>*</c> matches within one <c>/</c>-separated segment,
/// <c>**</c> matches across segments, <c>?</c> matches one character other than <c>/</c>;
/// everything else is literal. A dynamic programme over text positions, so the cost is
/// length(glob) × length(branch) whatever the input; no backtracking, no regular expressions.
/// </summary>
internal static class BranchGlob
{
    public static bool IsMatch(string glob, string text)
    {
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
                if (crossesSlash)
                {
                    while (p + 1 < glob.Length && glob[p + 1] == '*')
                    {
                        p++;
                    }
                }

                for (var j = 0; j <= text.Length; j++)
                {
                    next[j] = current[j] || (j > 0 && next[j - 1] && (crossesSlash || text[j - 1] != '/'));
                }
            }
            else
            {
                for (var j = 0; j < text.Length; j++)
                {
                    next[j + 1] = current[j] && (c == '?' ? text[j] != '/' : text[j] == c);
                }
            }

            (current, next) = (next, current);
        }

        return current[text.Length];
    }
}
