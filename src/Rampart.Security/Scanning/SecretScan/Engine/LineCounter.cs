namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>Turns offsets into zero-based line indexes by counting newlines (vectorized) from the last position asked.</summary>
internal struct LineCounter
{
    private int _position;
    private int _line;

    public int LineOf(ReadOnlySpan<char> text, int offset)
    {
        if (offset >= _position)
            _line += text[_position..offset].Count('\n');
        else
            _line -= text[offset.._position].Count('\n');
        _position = offset;
        return _line;
    }

    /// <summary>The line holding <paramref name="offset"/>, without its newline, looking at most 4 KiB either way.</summary>
    public static (int Start, int End) LineAround(ReadOnlySpan<char> text, int offset)
    {
        var from = Math.Max(0, offset - 4096);
        var back = text[from..offset].LastIndexOf('\n');
        var start = back < 0 ? from : from + back + 1;
        var limit = Math.Min(text.Length, offset + 4096);
        var forward = text[offset..limit].IndexOf('\n');
        var end = forward < 0 ? limit : offset + forward;
        if (end > start && text[end - 1] == '\r')
            end--;
        return (start, end);
    }
}
