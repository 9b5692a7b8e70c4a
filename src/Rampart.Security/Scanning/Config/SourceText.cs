namespace Rampart.Security.Scanning.Config;

/// <summary>Maps character offsets of a file's text to 1-based lines and columns.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts = [0];

    public SourceText(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                _lineStarts.Add(i + 1);
        }
    }

    public string Text { get; }

    public (int Line, int Column) Position(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
            index = ~index - 1;
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>Where <paramref name="needle"/> first occurs at or after <paramref name="from"/>; null when absent.</summary>
    public (int Line, int Column)? Find(string needle, int from)
    {
        if (from < 0 || from > Text.Length)
            return null;
        var at = Text.IndexOf(needle, from, StringComparison.Ordinal);
        return at < 0 ? null : Position(at);
    }
}
