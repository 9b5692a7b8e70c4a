using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Suppression comments in a scanned file. <c># rampart:ignore ID[,ID] -- reason</c> (or <c>//</c>)
/// silences those checks on its own line and the next line; <c>rampart:ignore-file ID -- reason</c>
/// silences them in the whole file. A comment without a reason suppresses nothing and is itself reported.
/// </summary>
internal sealed partial class InlineSuppressions
{
    private readonly Dictionary<int, HashSet<string>> _byLine = [];
    private readonly HashSet<string> _wholeFile = new(StringComparer.Ordinal);

    public List<(int Line, int Column, string Ids)> WithoutReason { get; } = [];

    public static InlineSuppressions Parse(string text)
    {
        var result = new InlineSuppressions();
        if (!text.Contains("rampart:ignore", StringComparison.Ordinal))
            return result;
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.IndexOf("rampart:ignore", StringComparison.Ordinal) < 0)
                continue;
            var match = Pattern().Match(line.ToString());
            if (!match.Success)
                continue;
            var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (match.Groups["reason"].Value.Trim().Length == 0)
            {
                result.WithoutReason.Add((lineNumber, match.Index + 1, string.Join(',', ids)));
                continue;
            }

            if (match.Groups["file"].Success)
            {
                result._wholeFile.UnionWith(ids);
                continue;
            }

            foreach (var target in (int[])[lineNumber, lineNumber + 1])
            {
                if (!result._byLine.TryGetValue(target, out var set))
                    result._byLine[target] = set = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(ids);
            }
        }

        return result;
    }

    public bool Suppresses(string checkId, int line) =>
        _wholeFile.Contains(checkId) || (_byLine.TryGetValue(line, out var ids) && ids.Contains(checkId));

    [GeneratedRegex(@"(?:#|//)\s*rampart:ignore(?<file>-file)?\s+(?<ids>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?:--\s*(?<reason>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
