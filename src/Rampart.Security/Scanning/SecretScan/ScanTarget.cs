namespace Rampart.Security.Scanning.SecretScan;

/// <summary>
/// Where scanned text comes from. <see cref="FirstLine"/> is the line number of the text's first line;
/// for history, <see cref="LineMap"/> gives each line of the text its line number in the file.
/// </summary>
public sealed record ScanTarget(string Path)
{
    public int FirstLine { get; init; } = 1;
    public IReadOnlyList<int>? LineMap { get; init; }
    public string? Commit { get; init; }
    public string? Author { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset? Date { get; init; }

    /// <summary>How the text was decoded from the original ("base64", "hex", "base64/hex"), null when not.</summary>
    public string? Decoded { get; init; }

    public int LineNumber(int zeroBasedLine) =>
        LineMap is { } map && zeroBasedLine < map.Count ? map[zeroBasedLine] : FirstLine + zeroBasedLine;
}
