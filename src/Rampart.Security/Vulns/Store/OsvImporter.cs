using System.IO.Compression;
using System.Text.Json;
using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Vulns.Store;

/// <summary>
/// Builds or extends the store from OSV zips (osv.dev's per-ecosystem <c>all.zip</c>) and folders of
/// OSV JSON files. A record replaces a stored one with the same id only when its <c>modified</c> is
/// newer. The new store is written beside the old one and moved over it, so a failed import leaves
/// the previous store intact. Records that are not valid OSV are counted and named, never stored.
/// </summary>
public static class OsvImporter
{
    /// <summary>Larger records (or zip entries claiming to be larger) are refused.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    public static OsvImportResult Import(string storeFolder, IReadOnlyList<string> inputs, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storeFolder);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
                throw new FileNotFoundException($"{input}: no such file or folder", input);
        }

        Directory.CreateDirectory(storeFolder);
        using var existing = OsvStore.Exists(storeFolder) ? OsvStore.Open(storeFolder) : null;
        var target = OsvStore.PathIn(storeFolder);
        var temp = target + ".tmp-" + Environment.ProcessId;
        var written = new Dictionary<string, OsvStoreEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        var imported = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new List<string>();
        var rejectedCount = 0;
        long seen = 0;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var w = new BinaryWriter(stream, OsvStoreFormat.Utf8))
            {
                w.Write(OsvStoreFormat.Magic);
                w.Write(OsvStoreFormat.Version);
                foreach (var (name, bytes) in inputs.SelectMany(Read))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(++seen);
                    if (bytes is null)
                    {
                        Reject(name, "larger than the record limit");
                        continue;
                    }

                    OsvRecord record;
                    byte[] compact;
                    try
                    {
                        record = OsvParser.Parse(bytes);
                        compact = Minify(bytes);
                    }
                    catch (Exception e) when (e is JsonException or FormatException)
                    {
                        Reject(name, e.Message);
                        continue;
                    }

                    if (written.TryGetValue(record.Id, out var prior) && prior.Modified >= record.Modified)
                        continue;
                    var entry = Append(w, record, compact);
                    if (!written.ContainsKey(record.Id))
                        order.Add(record.Id);
                    written[record.Id] = entry;
                    foreach (var ecosystem in entry.Keys.Select(OsvStoreFormat.EcosystemOf).Distinct(StringComparer.Ordinal))
                        imported[ecosystem] = imported.GetValueOrDefault(ecosystem) + 1;
                }

                if (existing is not null)
                {
                    foreach (var (entry, json) in existing.ReadAll())
                    {
                        if (written.TryGetValue(entry.Id, out var fresh) && fresh.Modified >= entry.Modified)
                            continue;
                        var offset = w.BaseStream.Position;
                        w.Write(json.Length);
                        w.Write(json);
                        if (!written.ContainsKey(entry.Id))
                            order.Add(entry.Id);
                        written[entry.Id] = entry with { Offset = offset + 4 };
                    }
                }

                OsvStoreIndex.Write(w, [.. order.Select(id => written[id])], DateTimeOffset.UtcNow);
            }

            if (existing is not null)
                existing.Dispose();
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }

        using var reopened = OsvStore.Open(storeFolder);
        return new OsvImportResult(imported, rejectedCount, rejected, reopened.Info);

        void Reject(string name, string reason)
        {
            rejectedCount++;
            if (rejected.Count < 20)
                rejected.Add($"{name}: {reason}");
        }
    }

    private static OsvStoreEntry Append(BinaryWriter w, OsvRecord record, byte[] json)
    {
        var offset = w.BaseStream.Position;
        w.Write(json.Length);
        w.Write(json);
        var keys = record.Affected.Select(a => OsvStoreFormat.Key(a.Ecosystem, a.Name)).Distinct(StringComparer.Ordinal).ToArray();
        return new OsvStoreEntry(record.Id, record.Modified, offset + 4, json.Length, record.Withdrawn is not null, keys);
    }

    private static byte[] Minify(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
            doc.WriteTo(writer);
        return buffer.ToArray();
    }

    /// <summary>The JSON documents of one input: a zip's <c>.json</c> entries or a folder's <c>.json</c> files (links not followed); null bytes for oversized ones.</summary>
    private static IEnumerable<(string Name, byte[]? Bytes)> Read(string input)
    {
        if (Directory.Exists(input))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in Directory.EnumerateFiles(input, "*.json", options).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                yield return (file, info.Length > MaxRecordBytes ? null : File.ReadAllBytes(file));
            }

            yield break;
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(input);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{input}: not a zip file ({e.Message})", e);
        }

        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (entry.Length > MaxRecordBytes)
                {
                    yield return ($"{input}!{entry.FullName}", null);
                    continue;
                }

                using var stream = entry.Open();
                var bytes = ReadBounded(stream);
                yield return ($"{input}!{entry.FullName}", bytes);
            }
        }
    }

    // The declared size can lie; stop reading past the limit whatever the header says.
    private static byte[]? ReadBounded(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxRecordBytes)
                return null;
        }

        return buffer.ToArray();
    }
}
