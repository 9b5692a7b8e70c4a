using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Rampart.Engine.Pipeline.Yaml;

namespace Rampart.Engine.Pipeline;

/// <summary>
/// Reads <c>.rampart/pipeline.yml</c>. Bad input of any kind (missing, huge, binary, not
/// UTF-8, not YAML, not a pipeline) becomes diagnostics with a line and column; it never throws.
/// </summary>
public static class PipelineLoader
{
    public const long MaxFileBytes = 1024 * 1024;

    public static PipelineLoadResult LoadFile(string path, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = displayPath ?? path;
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = ReadAtMost(stream, MaxFileBytes + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied, or the path is a directory",
                _ => "cannot read the file: " + ex.Message,
            };
            return Fail(file, 1, 1, reason);
        }

        if (bytes.Length > MaxFileBytes)
        {
            return Fail(file, 1, 1, $"the file is larger than {MaxFileBytes / 1024} KiB; a pipeline file must be smaller");
        }

        var content = bytes.AsSpan();
        var bom = content.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        content = content[bom..];

        if (content.IndexOf((byte)0) is var nul and >= 0)
        {
            var (line, column) = Position(content, nul);
            return Fail(file, line, column, "the file is binary (it contains a NUL byte), not YAML text");
        }

        var chars = new char[content.Length];
        var status = Utf8.ToUtf16(content, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var (line, column) = Position(content, bytesRead);
            return Fail(file, line, column, $"the file is not valid UTF-8 (bad byte at offset {bytesRead + bom})");
        }

        return Parse(new string(chars, 0, charsWritten), file);
    }

    public static PipelineLoadResult Parse(string yaml, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        if (yaml.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(yaml) > MaxFileBytes)
        {
            return Fail(displayPath, 1, 1, $"the file is larger than {MaxFileBytes / 1024} KiB; a pipeline file must be smaller");
        }

        if (yaml.Contains('\0', StringComparison.Ordinal))
        {
            return Fail(displayPath, 1, 1, "the file is binary (it contains a NUL character), not YAML text");
        }

        var diagnostics = new DiagnosticBag(displayPath);
        var root = YamlTreeReader.Read(yaml, diagnostics);
        if (root is null || root is YamlScalar { IsNull: true })
        {
            if (diagnostics.Count == 0)
            {
                diagnostics.Add(new SourceMark(1, 1), "the file is empty; a pipeline needs at least 'name' and 'jobs'");
            }

            return new PipelineLoadResult(null, diagnostics.Sorted());
        }

        var pipeline = new PipelineValidator(new NodeReader(diagnostics)).Validate(root);
        return diagnostics.Count == 0 && pipeline is not null
            ? new PipelineLoadResult(pipeline with { SourceFile = displayPath }, [])
            : new PipelineLoadResult(null, diagnostics.Sorted());
    }

    private static PipelineLoadResult Fail(string file, int line, int column, string message) =>
        new(null, [new PipelineDiagnostic(file, line, column, message)]);

    private static byte[] ReadAtMost(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>1-based line and column (in UTF-16 characters, as the YAML parser counts) of a byte offset.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> content, int offset)
    {
        var before = content[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return (line, column);
    }
}
