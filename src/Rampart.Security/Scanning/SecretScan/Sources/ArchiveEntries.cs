using System.Formats.Tar;
using System.IO.Compression;

namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>
/// The regular-file entries of a zip (also jar, war, nupkg, whl) or tar (also .tar.gz, .tgz) artifact,
/// one at a time, each read through a length cap so a decompression bomb cannot exhaust memory or disk.
/// </summary>
internal static class ArchiveEntries
{
    private const int MaxEntries = 100_000;

    public static bool IsArchive(string name) => Kind(name) is not null;

    public static async IAsyncEnumerable<(string Name, Stream Content, long Length)> ReadAsync(Stream stream, string name, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = Kind(name);
        var count = 0;
        if (kind == "zip")
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                if (++count > MaxEntries)
                    yield break;
                if (entry.FullName.EndsWith('/'))
                    continue;
                var content = entry.Open();
                await using (content.ConfigureAwait(false))
                    yield return (entry.FullName, content, entry.Length);
            }

            yield break;
        }

        Stream source = kind == "tgz" ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
        await using (source.ConfigureAwait(false))
        {
            var tar = new TarReader(source, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (++count > MaxEntries)
                        yield break;
                    if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                        yield return (entry.Name, data, entry.Length);
                }
            }
        }
    }

    private static string? Kind(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".zip", StringComparison.Ordinal) || lower.EndsWith(".jar", StringComparison.Ordinal) || lower.EndsWith(".war", StringComparison.Ordinal)
            || lower.EndsWith(".nupkg", StringComparison.Ordinal) || lower.EndsWith(".whl", StringComparison.Ordinal))
            return "zip";
        if (lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal))
            return "tgz";
        return lower.EndsWith(".tar", StringComparison.Ordinal) ? "tar" : null;
    }
}
