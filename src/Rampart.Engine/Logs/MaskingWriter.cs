using System.Buffers;
using System.Text;

namespace Rampart.Engine.Logs;

/// <summary>
/// Masks a stream of text that arrives in arbitrary chunks, such as a step's merged stdout and stderr.
/// A secret split across chunks is still masked: the writer holds back the last
/// <see cref="SecretMasker.LongestVariant"/> - 1 chars (one more when that would split a surrogate
/// pair) and emits the rest at once. Calls are serialized, so two pumps may share one writer;
/// <c>sink</c> receives masked text in order and is called under that lock.
/// </summary>
public sealed class MaskingWriter : IDisposable
{
    private readonly SecretMasker _masker;
    private readonly Action<string> _sink;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private char[] _pending = new char[256];
    private int _length;

    // Leading chars of _pending that were already emitted as part of a replacement.
    private int _covered;
    private bool _disposed;

    public MaskingWriter(SecretMasker masker, Action<string> sink)
    {
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentNullException.ThrowIfNull(sink);
        _masker = masker;
        _sink = sink;
    }

    public void Write(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Append(chunk);
            Process(final: false);
        }
    }

    /// <summary>
    /// Decodes UTF-8 incrementally: a character split across chunks is kept whole;
    /// invalid bytes become U+FFFD.
    /// </summary>
    public void WriteBytes(ReadOnlySpan<byte> chunk)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Decode(chunk, flush: false);
            Process(final: false);
        }
    }

    /// <summary>Emits everything held back, masked. A secret split across a flush is not seen as one.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                Decode([], flush: true);
                Process(final: true);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Flush();
            _disposed = true;
        }
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        // Always call GetChars, even for zero chars: GetCharCount does not store a partial sequence.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, _decoder.GetCharCount(bytes, flush)));
        try
        {
            var written = _decoder.GetChars(bytes, chars, flush);
            Append(chars.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void Append(ReadOnlySpan<char> chunk)
    {
        if (_length + chunk.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _length + chunk.Length));
        }

        chunk.CopyTo(_pending.AsSpan(_length));
        _length += chunk.Length;
    }

    private void Process(bool final)
    {
        var set = _masker.Current;
        var text = _pending.AsSpan(0, _length);

        // A match starting before limit fits entirely in the buffer, so it is decided now.
        var limit = final ? _length : _length - Math.Max(0, set.Longest - 1);
        if (limit > 0 && limit < _length && char.IsHighSurrogate(text[limit - 1]))
        {
            limit--;
        }

        if (limit <= 0)
        {
            return;
        }

        var emitFrom = set.Mask(text, limit, _covered, _output);
        text[limit..].CopyTo(_pending);
        _length -= limit;
        _covered = Math.Max(0, emitFrom - limit);
        if (_output.Length > 0)
        {
            var masked = _output.ToString();
            _output.Clear();
            _sink(masked);
        }
    }
}
