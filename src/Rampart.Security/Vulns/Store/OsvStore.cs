using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// A read-only view of the local advisory store (<c>osv.store</c> in a folder). Thread-safe:
/// records are read with positional reads and parsed records are cached.
/// </summary>
public sealed class OsvStore : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly OsvStoreEntry[] _entries;
    private readonly Dictionary<string, int[]> _byKey;
    private readonly ConcurrentDictionary<int, OsvRecord?> _parsed = new();

    private OsvStore(SafeFileHandle file, OsvStoreEntry[] entries, DateTimeOffset writtenAt)
    {
        _file = file;
        _entries = entries;
        _byKey = entries.SelectMany((e, i) => e.Keys.Select(k => (k, i))).GroupBy(x => x.k, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        Info = new OsvStoreInfo(
            entries.Where(e => !e.Withdrawn).SelectMany(e => e.Keys.Select(OsvStoreFormat.EcosystemOf).Distinct()).GroupBy(x => x, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            entries.Length,
            entries.Count(e => e.Withdrawn),
            entries.Length == 0 ? null : entries.Max(e => e.Modified),
            writtenAt);
    }

    public OsvStoreInfo Info { get; }

    public static string PathIn(string folder) => System.IO.Path.Combine(folder, OsvStoreFormat.FileName);

    public static bool Exists(string folder) => File.Exists(PathIn(folder));

    /// <summary>Opens the store in a folder; throws <see cref="FileNotFoundException"/> when there is none and <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static OsvStore Open(string folder)
    {
        var path = PathIn(folder);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No advisory store at {path}; run 'rampart db import' or 'rampart db update' first.", path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var (entries, writtenAt) = OsvStoreIndex.Read(handle);
            return new OsvStore(handle, entries, writtenAt);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Every non-withdrawn record that names the package in one of its <c>affected</c> entries.</summary>
    public IReadOnlyList<OsvRecord> Find(string ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        ArgumentNullException.ThrowIfNull(name);
        if (!_byKey.TryGetValue(OsvStoreFormat.Key(ecosystem, name), out var hits))
            return [];
        var records = new List<OsvRecord>(hits.Length);
        foreach (var i in hits)
        {
            if (!_entries[i].Withdrawn && _parsed.GetOrAdd(i, Load) is { } record)
                records.Add(record);
        }

        return records;
    }

    internal IEnumerable<(OsvStoreEntry Entry, byte[] Json)> ReadAll()
    {
        foreach (var entry in _entries)
            yield return (entry, ReadBytes(entry));
    }

    public void Dispose() => _file.Dispose();

    private OsvRecord? Load(int index)
    {
        try
        {
            return OsvParser.Parse(ReadBytes(_entries[index]));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private byte[] ReadBytes(OsvStoreEntry entry)
    {
        var buffer = new byte[entry.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(_file, buffer.AsSpan(read), entry.Offset + read);
            if (n == 0)
                throw new InvalidDataException("The advisory store is truncated; import again.");
            read += n;
        }

        return buffer;
    }
}
