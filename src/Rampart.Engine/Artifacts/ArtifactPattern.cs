namespace Rampart.Engine.Artifacts;

/// <summary>
/// A workspace-relative glob split into '/'-separated segments. <c>**</c> matches any number of
/// segments, <c>*</c> any run of characters within one segment, <c>?</c> one character; everything
/// else is literal. A trailing '/' keeps every file under the directory. Matching is done entry by
/// entry during the collector's own walk (an NFA over segment positions), so the walk decides which
/// links are followed, never a library.
/// </summary>
internal sealed class ArtifactPattern
{
    private const string AnyDepth = "**";
    private readonly string[] _segments;

    private ArtifactPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>Validates and splits a pattern; refuses anything that could name a path outside the workspace.</summary>
    public static ArtifactPattern Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw Refuse(text ?? "", "is empty");
        if (text.Contains('\0', StringComparison.Ordinal))
            throw Refuse(text, "contains a NUL character");
        if (text.Any(char.IsControl))
            throw Refuse(text, "contains a control character");
        if (text.Contains('\\', StringComparison.Ordinal))
            throw Refuse(text, "contains a backslash; use '/' between folders");
        if (text.StartsWith('/'))
            throw Refuse(text, "is an absolute path; artifacts are relative to the workspace");
        if (text.Length >= 2 && char.IsAsciiLetter(text[0]) && text[1] == ':')
            throw Refuse(text, "starts with a drive letter; artifacts are relative to the workspace");

        var parts = text.Split('/');
        if (parts.Contains(".."))
            throw Refuse(text, "contains a '..' segment, which could leave the workspace");
        var segments = parts.Where(p => p.Length > 0 && p != ".").ToList();
        if (text.EndsWith('/') || segments.Count == 0)
            segments.Add(AnyDepth);
        return new ArtifactPattern(text, [.. segments]);
    }

    /// <summary>States before any segment is consumed (the workspace root).</summary>
    public int[] Start() => Close([0]);

    /// <summary>The states after consuming one path segment; empty when the path can no longer match.</summary>
    public int[] Step(int[] states, string name)
    {
        var next = new List<int>();
        foreach (var state in states)
        {
            if (state >= _segments.Length)
                continue;
            if (_segments[state] == AnyDepth)
                next.Add(state);
            else if (SegmentMatches(_segments[state], name))
                next.Add(state + 1);
        }
        return Close(next);
    }

    /// <summary>True when the entry just consumed is itself matched.</summary>
    public bool IsComplete(int[] states) => states.Contains(_segments.Length);

    /// <summary>True when something below the entry just consumed could still match.</summary>
    public bool CanDescend(int[] states) => states.Any(s => s < _segments.Length);

    private int[] Close(IEnumerable<int> states)
    {
        var closed = new SortedSet<int>();
        foreach (var state in states)
        {
            var s = state;
            closed.Add(s);
            while (s < _segments.Length && _segments[s] == AnyDepth)
                closed.Add(++s);
        }
        return [.. closed];
    }

    private static bool SegmentMatches(string glob, string name)
    {
        // Iterative wildcard match with single backtrack point: linear in practice, no regex involved.
        int g = 0, n = 0, starG = -1, starN = 0;
        while (n < name.Length)
        {
            if (g < glob.Length && (glob[g] == '?' || glob[g] == name[n]))
            {
                g++;
                n++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                starG = g++;
                starN = n;
            }
            else if (starG >= 0)
            {
                g = starG + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }
        while (g < glob.Length && glob[g] == '*')
            g++;
        return g == glob.Length;
    }

    private static ArtifactPathException Refuse(string text, string reason) =>
        new(text, null, $"artifact pattern '{ArtifactPathException.Printable(text)}' {reason}");
}
