using System.Collections.Concurrent;

namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// Remembers the parsed form of version strings: a scan compares the same few strings (range
/// bounds, installed versions) many times. Bounded: past the cap the cache starts over.
/// </summary>
internal sealed class ParseCache<T>(Func<string, T> parse)
{
    private const int Cap = 200_000;
    private readonly ConcurrentDictionary<string, T> _cache = new(StringComparer.Ordinal);

    public T Get(string text)
    {
        if (_cache.TryGetValue(text, out var hit))
            return hit;
        var parsed = parse(text);
        if (_cache.Count >= Cap)
            _cache.Clear();
        _cache.TryAdd(text, parsed);
        return parsed;
    }
}
