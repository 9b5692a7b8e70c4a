namespace Rampart.Security.Vault;

/// <summary>
/// Glob matching for repository names and branches: <c>*</c> stays within one <c>/</c> segment,
/// <c>**</c> crosses segments, <c>?</c> is one character other than <c>/</c>. A dynamic programme
/// over text positions (cost length(glob) × length(text)), so no input can make it backtrack.
/// </summary>
internal static class Glob
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
                var crosses = p + 1 < glob.Length && glob[p + 1] == '*';
                while (p + 1 < glob.Length && glob[p + 1] == '*')
                    p++;
                var reachable = false;
                for (var t = 0; t <= text.Length; t++)
                {
                    reachable = current[t] || (reachable && (crosses || text[t - 1] != '/'));
                    next[t] = reachable;
                }
            }
            else
            {
                for (var t = 0; t < text.Length; t++)
                {
                    if (current[t] && (c == '?' ? text[t] != '/' : text[t] == c))
                        next[t + 1] = true;
                }
            }

            (current, next) = (next, current);
        }

        return current[text.Length];
    }
}
