namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Finds the <c>${{ … }}</c> expressions in a string, with their offsets.</summary>
internal static class ExpressionSpans
{
    public static IEnumerable<(int Offset, string Body)> Find(string text)
    {
        var at = 0;
        while ((at = text.IndexOf("${{", at, StringComparison.Ordinal)) >= 0)
        {
            var end = FindEnd(text, at + 3);
            if (end < 0)
                yield break;
            yield return (at, text[(at + 3)..end]);
            at = end + 2;
        }
    }

    /// <summary>The index of the closing <c>}}</c>, skipping over quoted strings.</summary>
    private static int FindEnd(string text, int from)
    {
        var inString = false;
        for (var i = from; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c == '\'')
                inString = !inString;
            else if (!inString && c == '}' && text[i + 1] == '}')
                return i;
        }

        return -1;
    }

    /// <summary>Line and column (1-based) of an offset inside a scalar that starts at the given position.</summary>
    public static (int Line, int Column) Position(string text, int offset, int startLine, int startColumn, bool isBlock)
    {
        var line = startLine;
        var lastBreak = -1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lastBreak = i;
            }
        }

        // A block scalar's text starts on the line after its indicator ('|' or '>').
        if (isBlock)
            return (line + 1, 1 + offset - lastBreak - 1);
        return lastBreak < 0 ? (line, startColumn + offset) : (line, offset - lastBreak);
    }
}
