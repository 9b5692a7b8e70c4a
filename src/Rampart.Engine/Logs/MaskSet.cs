using System.Buffers;
using System.Text;

namespace Rampart.Engine.Logs;

/// <summary>
/// An immutable set of strings to mask, with the multi-string search built once.
/// <see cref="SecretMasker"/> swaps in a new instance on each registration, so readers never lock.
/// </summary>
internal sealed class MaskSet
{
    private readonly SearchValues<string>? _search;

    // Candidates for the longest match at a position, keyed by first char, longest first.
    private readonly Dictionary<char, string[]> _byFirstChar;

    public static MaskSet Empty { get; } = new([]);

    public MaskSet(IReadOnlyCollection<string> values)
    {
        Values = values;
        Longest = values.Count == 0 ? 0 : values.Max(v => v.Length);
        _search = values.Count == 0 ? null : SearchValues.Create([.. values], StringComparison.Ordinal);
        _byFirstChar = values
            .GroupBy(v => v[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.Length).ToArray());
    }

    public IReadOnlyCollection<string> Values { get; }

    public int Longest { get; }

    /// <summary>True when some value occurs in <paramref name="text"/>.</summary>
    public bool AnyIn(ReadOnlySpan<char> text) => _search is not null && text.IndexOfAny(_search) >= 0;

    /// <summary>
    /// Appends <paramref name="text"/>[<paramref name="emitFrom"/>..<paramref name="limit"/>] to
    /// <paramref name="output"/>, replacing each run of overlapping matches by one
    /// <see cref="SecretMasker.Replacement"/>. Only matches that start before <paramref name="limit"/>
    /// are taken; a run may end past it. Characters before <paramref name="emitFrom"/> were already
    /// emitted (as part of a replacement); a run that starts there extends it silently.
    /// Returns where the next emission starts, which is past <paramref name="limit"/> when a run ends there.
    /// </summary>
    public int Mask(ReadOnlySpan<char> text, int limit, int emitFrom, StringBuilder output)
    {
        var pos = 0;
        while (pos < limit)
        {
            var start = FindStart(text, pos, limit);
            if (start < 0)
            {
                break;
            }

            // Take the union of all matches that overlap this one, so no part of a longer
            // secret stays visible when a shorter one (say, its prefix) matched first.
            var end = start + LongestAt(text, start);
            var next = start + 1;
            int overlap;
            while ((overlap = FindStart(text, next, Math.Min(end, limit))) >= 0)
            {
                end = Math.Max(end, overlap + LongestAt(text, overlap));
                next = overlap + 1;
            }

            if (start >= emitFrom)
            {
                output.Append(text[emitFrom..start]).Append(SecretMasker.Replacement);
            }

            emitFrom = Math.Max(emitFrom, end);
            pos = end;
        }

        if (emitFrom < limit)
        {
            output.Append(text[emitFrom..limit]);
            emitFrom = limit;
        }

        return emitFrom;
    }

    // Index of the leftmost match that starts in [from, bound), or -1. The searched slice stops
    // where a match starting before bound must end, so a long text is not rescanned per match.
    private int FindStart(ReadOnlySpan<char> text, int from, int bound)
    {
        if (_search is null || from >= bound)
        {
            return -1;
        }

        var sliceEnd = (int)Math.Min(text.Length, (long)bound - 1 + Longest);
        var found = text[from..sliceEnd].IndexOfAny(_search);
        return found < 0 || from + found >= bound ? -1 : from + found;
    }

    private int LongestAt(ReadOnlySpan<char> text, int start)
    {
        var rest = text[start..];
        foreach (var candidate in _byFirstChar[rest[0]])
        {
            if (rest.StartsWith(candidate, StringComparison.Ordinal))
            {
                return candidate.Length;
            }
        }

        throw new InvalidOperationException("The search reported a match that no value explains.");
    }
}
