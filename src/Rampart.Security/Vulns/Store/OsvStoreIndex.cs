using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// The store's index, built for a fast open: fixed-width columns (offset, length, modified, withdrawn)
/// read as raw arrays, then the package-key table, then the summary; record ids come last and are
/// read only by an import that merges into the store.
/// </summary>
internal static class OsvStoreIndex
{
    private const int TrailerLength = 8 * 4 + 4;

    public static void Write(BinaryWriter w, IReadOnlyList<OsvStoreEntry> entries, DateTimeOffset writtenAt)
    {
        var columns = w.BaseStream.Position;
        w.Write(entries.Count);
        w.Write(MemoryMarshal.AsBytes(entries.Select(e => e.Offset).ToArray().AsSpan()));
        w.Write(MemoryMarshal.AsBytes(entries.Select(e => e.Length).ToArray().AsSpan()));
        w.Write(MemoryMarshal.AsBytes(entries.Select(e => e.Modified.UtcTicks).ToArray().AsSpan()));
        w.Write(entries.Select(e => e.Withdrawn ? (byte)1 : (byte)0).ToArray());

        var keysAt = w.BaseStream.Position;
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var key in entries[i].Keys)
            {
                if (!byKey.TryGetValue(key, out var list))
                    byKey[key] = list = [];
                list.Add(i);
            }
        }

        w.Write(byKey.Count);
        foreach (var (key, list) in byKey)
        {
            w.Write(key);
            w.Write(list.Count);
            w.Write(MemoryMarshal.AsBytes(list.ToArray().AsSpan()));
        }

        var live = entries.Where(e => !e.Withdrawn).ToList();
        var perEcosystem = live.SelectMany(e => e.Keys.Select(OsvStoreFormat.EcosystemOf).Distinct(StringComparer.Ordinal))
            .GroupBy(x => x, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        w.Write(perEcosystem.Count);
        foreach (var g in perEcosystem)
        {
            w.Write(g.Key);
            w.Write(g.Count());
        }

        w.Write(entries.Count == 0 ? 0L : entries.Max(e => e.Modified.UtcTicks));
        w.Write(writtenAt.UtcTicks);

        var idsAt = w.BaseStream.Position;
        foreach (var e in entries)
            w.Write(e.Id);

        w.Write(columns);
        w.Write(keysAt);
        w.Write(idsAt);
        w.Write(0L);
        w.Write(OsvStoreFormat.TrailerMagic);
    }

    public static OsvStoreIndexData Read(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        var header = new byte[OsvStoreFormat.Magic.Length + 4];
        var trailer = new byte[TrailerLength];
        if (length < header.Length + trailer.Length
            || RandomAccess.Read(handle, header, 0) != header.Length
            || !header.AsSpan(0, OsvStoreFormat.Magic.Length).SequenceEqual(OsvStoreFormat.Magic)
            || BitConverter.ToInt32(header, OsvStoreFormat.Magic.Length) != OsvStoreFormat.Version
            || RandomAccess.Read(handle, trailer, length - trailer.Length) != trailer.Length
            || BitConverter.ToInt32(trailer, 32) != OsvStoreFormat.TrailerMagic)
        {
            throw Damaged();
        }

        var columns = BitConverter.ToInt64(trailer, 0);
        var keysAt = BitConverter.ToInt64(trailer, 8);
        var idsAt = BitConverter.ToInt64(trailer, 16);
        if (columns < header.Length || keysAt < columns || idsAt < keysAt || idsAt > length - trailer.Length)
            throw Damaged();
        var index = ReadExactly(handle, columns, idsAt - columns);
        try
        {
            var span = index.AsSpan();
            var count = BitConverter.ToInt32(span);
            if (count < 0 || (long)count * 21 + 4 > keysAt - columns)
                throw Damaged();
            var at = 4;
            var offsets = MemoryMarshal.Cast<byte, long>(span.Slice(at, count * 8)).ToArray();
            at += count * 8;
            var lengths = MemoryMarshal.Cast<byte, int>(span.Slice(at, count * 4)).ToArray();
            at += count * 4;
            var modified = MemoryMarshal.Cast<byte, long>(span.Slice(at, count * 8)).ToArray();
            at += count * 8;
            var withdrawn = span.Slice(at, count).ToArray();
            for (var i = 0; i < count; i++)
            {
                if (offsets[i] < header.Length || lengths[i] < 0 || offsets[i] + lengths[i] > columns)
                    throw Damaged();
            }

            using var r = new BinaryReader(new MemoryStream(index, (int)(keysAt - columns), (int)(idsAt - keysAt), writable: false), OsvStoreFormat.Utf8);
            var keyCount = r.ReadInt32();
            var byKey = new Dictionary<string, int[]>(keyCount, StringComparer.Ordinal);
            for (var k = 0; k < keyCount; k++)
            {
                var key = r.ReadString();
                var hits = new int[r.ReadInt32()];
                r.Read(MemoryMarshal.AsBytes(hits.AsSpan()));
                if (hits.Any(h => (uint)h >= (uint)count))
                    throw Damaged();
                byKey[key] = hits;
            }

            var perEcosystem = new Dictionary<string, int>(StringComparer.Ordinal);
            var ecosystems = r.ReadInt32();
            for (var e = 0; e < ecosystems; e++)
                perEcosystem[r.ReadString()] = r.ReadInt32();
            var newest = r.ReadInt64();
            var writtenAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var info = new OsvStoreInfo(perEcosystem, count, withdrawn.Count(b => b != 0), count == 0 ? null : new DateTimeOffset(newest, TimeSpan.Zero), writtenAt);
            return new OsvStoreIndexData(offsets, lengths, modified, withdrawn, byKey, info, idsAt, length - trailer.Length);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException or ArgumentException or System.Text.DecoderFallbackException)
        {
            throw new InvalidDataException("The advisory store's index is damaged; import again.", e);
        }
    }

    /// <summary>The record ids, in record order (read only when an import merges).</summary>
    public static string[] ReadIds(SafeFileHandle handle, OsvStoreIndexData data)
    {
        var bytes = ReadExactly(handle, data.IdsAt, data.IdsEnd - data.IdsAt);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), OsvStoreFormat.Utf8);
        var ids = new string[data.Offsets.Length];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = r.ReadString();
        return ids;
    }

    internal static byte[] ReadExactly(SafeFileHandle handle, long offset, long count)
    {
        if (count is < 0 or > int.MaxValue)
            throw Damaged();
        var buffer = new byte[count];
        for (var done = 0; done < buffer.Length;)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
            if (n == 0)
                throw new InvalidDataException("The advisory store is truncated; import again.");
            done += n;
        }

        return buffer;
    }

    private static InvalidDataException Damaged() => new("The advisory store is damaged or of another version; import again.");
}
