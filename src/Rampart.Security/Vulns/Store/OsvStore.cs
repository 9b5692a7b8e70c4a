using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// A read-only view of the local advisory store (<c>osv.store</c> in a folder). Opening reads only
/// the index; records are read with positional reads when a package asks for them and cached parsed.
/// Thread-safe.
/// </summary>
public sealed class OsvStore : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly OsvStoreIndexData _index;
    private readonly ConcurrentDictionary<int, OsvRecord?> _parsed = new();

    private OsvStore(SafeFileHandle file, OsvStoreIndexData index)
    {
        _file = file;
        _index = index;
    }

    public OsvStoreInfo Info => _index.Info;

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
            return new OsvStore(handle, OsvStoreIndex.Read(handle));
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
        if (!_index.ByKey.TryGetValue(OsvStoreFormat.Key(ecosystem, name), out var hits))
            return [];
        var records = new List<OsvRecord>(hits.Length);
        foreach (var i in hits)
        {
            if (_index.Withdrawn[i] == 0 && _parsed.GetOrAdd(i, Load) is { } record)
                records.Add(record);
        }

        return records;
    }

    /// <summary>Every stored record with its index row, for an import that merges into this store.</summary>
    internal IEnumerable<(OsvStoreEntry Entry, byte[] Json)> ReadAll()
    {
        var ids = OsvStoreIndex.ReadIds(_file, _index);
        var keys = new List<string>[ids.Length];
        foreach (var (key, hits) in _index.ByKey)
        {
            foreach (var i in hits)
                (keys[i] ??= []).Add(key);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var entry = new OsvStoreEntry(ids[i], new DateTimeOffset(_index.ModifiedTicks[i], TimeSpan.Zero), _index.Offsets[i], _index.Lengths[i],
                _index.Withdrawn[i] != 0, keys[i]?.ToArray() ?? []);
            yield return (entry, OsvStoreIndex.ReadExactly(_file, entry.Offset, entry.Length));
        }
    }

    public void Dispose() => _file.Dispose();

    private OsvRecord? Load(int index)
    {
        try
        {
            return OsvParser.Parse(OsvStoreIndex.ReadExactly(_file, _index.Offsets[index], _index.Lengths[index]));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
