using System.Text;
using Rampart.Engine.Logs;

namespace Rampart.Engine.Runs;

/// <summary>
/// One step's log: raw process bytes in, decoded as UTF-8 across chunk boundaries, masked, then
/// written to the log file and handed to the live observer. Nothing unmasked is ever stored.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly StreamWriter _file;
    private readonly MaskingWriter _masking;
    private readonly object _gate = new();
    private char[] _chars = new char[16 * 1024];

    public StepLog(string path, SecretMasker masker, Action<string> live)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        _masking = new MaskingWriter(masker, text =>
        {
            _file.Write(text);
            live(text);
        });
    }

    public void WriteBytes(ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            var needed = _decoder.GetCharCount(chunk.Span, flush: false);
            if (needed > _chars.Length)
                _chars = new char[needed];
            var count = _decoder.GetChars(chunk.Span, _chars, flush: false);
            _masking.Write(_chars.AsSpan(0, count));
        }
    }

    /// <summary>A line from the engine itself (a limit that killed the step), masked like any output.</summary>
    public void WriteEngineLine(string message)
    {
        lock (_gate)
        {
            _masking.Write("\nrampart: " + message + "\n");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            var count = _decoder.GetChars(ReadOnlySpan<byte>.Empty, _chars, flush: true);
            _masking.Write(_chars.AsSpan(0, count));
            _masking.Dispose();
            _file.Dispose();
        }
    }
}
