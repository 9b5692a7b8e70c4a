using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>
/// Reads a stream in pieces that end at a line break, decodes them as UTF-8 and scans each one, so
/// memory stays bounded by the piece size whatever the input size. A first piece with a NUL byte in
/// its first 8000 bytes marks the input as binary (git's own test) and it is skipped.
/// </summary>
internal static class ChunkedText
{
    private const int BinaryProbe = 8000;

    /// <summary>Scans the stream; returns the bytes read, or -1 when it was skipped as binary.</summary>
    public static Task<long> ScanAsync(Stream stream, ScanTarget target, TextScanner scanner, int chunkBytes, List<SecretFinding> sink, CancellationToken cancellationToken) =>
        ScanAsync((buffer, token) => stream.ReadAsync(buffer, token), target, scanner, chunkBytes, sink, cancellationToken).AsTask();

    /// <summary>
    /// Scans a file read with plain positional reads on the calling thread: an asynchronous read of a
    /// regular file only moves the same blocking call to another thread and back, which costs more CPU
    /// than the read itself for the many small files of a source tree.
    /// </summary>
    public static ValueTask<long> ScanFile(SafeFileHandle file, ScanTarget target, TextScanner scanner, int chunkBytes, List<SecretFinding> sink, CancellationToken cancellationToken)
    {
        long offset = 0;
        var atEnd = false;
        return ScanAsync(
            (buffer, _) =>
            {
                // A regular file reads short only at its end: no further call just to be told so.
                if (atEnd)
                    return ValueTask.FromResult(0);
                var read = RandomAccess.Read(file, buffer.Span, offset);
                offset += read;
                atEnd = read < buffer.Length;
                return ValueTask.FromResult(read);
            },
            target, scanner, chunkBytes, sink, cancellationToken);
    }

    private static async ValueTask<long> ScanAsync(Func<Memory<byte>, CancellationToken, ValueTask<int>> readAsync, ScanTarget target, TextScanner scanner, int chunkBytes, List<SecretFinding> sink, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var chars = ArrayPool<char>.Shared.Rent(chunkBytes + 16);
        try
        {
            long total = 0;
            var filled = 0;
            var line = target.FirstLine;
            var first = true;
            while (true)
            {
                var read = await readAsync(bytes.AsMemory(filled, chunkBytes - filled), cancellationToken).ConfigureAwait(false);
                filled += read;
                total += read;
                var end = read == 0;
                if (!end && filled < chunkBytes)
                    continue;
                if (first)
                {
                    first = false;
                    if (bytes.AsSpan(0, Math.Min(filled, BinaryProbe)).Contains((byte)0))
                        return -1;
                    if (filled == 0)
                        return 0;
                }

                var cut = filled;
                if (!end)
                {
                    var newline = bytes.AsSpan(0, filled).LastIndexOf((byte)'\n');
                    cut = newline >= 0 ? newline + 1 : filled;
                }

                var length = Encoding.UTF8.GetChars(bytes, 0, cut, chars, 0);
                var text = chars.AsSpan(0, length);
                // Pure ASCII (most source) is one byte a character: the keyword search can read the bytes.
                var ascii = length == cut && Ascii.IsValid(bytes.AsSpan(0, cut)) ? bytes.AsSpan(0, cut) : default;
                scanner.Scan(text, ascii, target with { FirstLine = line }, sink);
                line += text.Count('\n');
                bytes.AsSpan(cut, filled - cut).CopyTo(bytes);
                filled -= cut;
                if (end && filled == 0)
                    return total;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
