using Microsoft.Win32.SafeHandles;

namespace Rampart.Security.Vulns.Store;

/// <summary>Reads and writes the store's index and trailer.</summary>
internal static class OsvStoreIndex
{
    public static void Write(BinaryWriter w, IReadOnlyList<OsvStoreEntry> entries, DateTimeOffset writtenAt)
    {
        var indexOffset = w.BaseStream.Position;
        w.Write(entries.Count);
        foreach (var e in entries)
        {
            w.Write(e.Id);
            w.Write(e.Modified.UtcTicks);
            w.Write(e.Offset);
            w.Write(e.Length);
            w.Write(e.Withdrawn);
            w.Write(e.Keys.Length);
            foreach (var k in e.Keys)
                w.Write(k);
        }

        w.Write(writtenAt.UtcTicks);
        w.Write(indexOffset);
        w.Write(OsvStoreFormat.TrailerMagic);
    }

    public static (OsvStoreEntry[] Entries, DateTimeOffset WrittenAt) Read(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        var header = new byte[OsvStoreFormat.Magic.Length + 4];
        var trailer = new byte[12];
        if (length < header.Length + trailer.Length
            || RandomAccess.Read(handle, header, 0) != header.Length
            || !header.AsSpan(0, OsvStoreFormat.Magic.Length).SequenceEqual(OsvStoreFormat.Magic)
            || BitConverter.ToInt32(header, OsvStoreFormat.Magic.Length) != OsvStoreFormat.Version
            || RandomAccess.Read(handle, trailer, length - trailer.Length) != trailer.Length
            || BitConverter.ToInt32(trailer, 8) != OsvStoreFormat.TrailerMagic)
        {
            throw new InvalidDataException("The advisory store is damaged or of another version; import again.");
        }

        var indexOffset = BitConverter.ToInt64(trailer, 0);
        if (indexOffset < header.Length || indexOffset > length - trailer.Length)
            throw new InvalidDataException("The advisory store's index is out of bounds; import again.");
        // Read the index into memory: a FileStream over the handle would close it when disposed.
        var index = new byte[length - trailer.Length - indexOffset];
        for (var done = 0; done < index.Length;)
        {
            var n = RandomAccess.Read(handle, index.AsSpan(done), indexOffset + done);
            if (n == 0)
                throw new InvalidDataException("The advisory store is truncated; import again.");
            done += n;
        }

        using var r = new BinaryReader(new MemoryStream(index, writable: false), OsvStoreFormat.Utf8);
        try
        {
            var count = r.ReadInt32();
            if (count < 0 || count > 50_000_000)
                throw new InvalidDataException("The advisory store's index is damaged; import again.");
            var entries = new OsvStoreEntry[count];
            for (var i = 0; i < count; i++)
            {
                var id = r.ReadString();
                var modified = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
                var offset = r.ReadInt64();
                var size = r.ReadInt32();
                var withdrawn = r.ReadBoolean();
                var keys = new string[r.ReadInt32()];
                for (var k = 0; k < keys.Length; k++)
                    keys[k] = r.ReadString();
                if (offset < header.Length || size < 0 || offset + size > indexOffset)
                    throw new InvalidDataException("The advisory store's index is damaged; import again.");
                entries[i] = new OsvStoreEntry(id, modified, offset, size, withdrawn, keys);
            }

            return (entries, new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException or System.Text.DecoderFallbackException)
        {
            throw new InvalidDataException("The advisory store's index is damaged; import again.", e);
        }
    }
}
