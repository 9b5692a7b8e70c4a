using System.Text;
using Rampart.Engine.Logs;

namespace Rampart.Engine.Runs;

/// <summary>
/// One step's log: raw process bytes in, masked, then written to the log file and handed to the
/// live observer. Nothing unmasked is ever stored or shown.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private readonly StreamWriter _file;
    private readonly MaskingWriter _masking;

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

    public void WriteBytes(ReadOnlyMemory<byte> chunk) => _masking.WriteBytes(chunk.Span);

    /// <summary>A line from the engine itself (a limit that killed the step), masked like any output.</summary>
    public void WriteEngineLine(string message) => _masking.Write("\nrampart: " + message + "\n");

    public void Dispose()
    {
        _masking.Dispose();
        _file.Dispose();
    }
}
