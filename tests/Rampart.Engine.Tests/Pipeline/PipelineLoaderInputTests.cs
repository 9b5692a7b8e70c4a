using System.Text;
using Rampart.Engine.Pipeline;
using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineLoaderInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rampart-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PipelineLoadResult LoadBytes(byte[] bytes)
    {
        var path = Path.Combine(_dir, "pipeline.yml");
        File.WriteAllBytes(path, bytes);
        return PipelineLoader.LoadFile(path, DisplayPath);
    }

    private static void AssertOnly(PipelineLoadResult result, int line, int column, string messagePart)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Pipeline);
        AssertAt(Assert.Single(result.Diagnostics), line, column, messagePart);
    }

    [Fact]
    public void LoadFile_ReportsMissingFile_AsDiagnosticNotException()
    {
        var result = PipelineLoader.LoadFile(Path.Combine(_dir, "absent.yml"), DisplayPath);

        AssertOnly(result, 1, 1, "file not found");
    }

    [Fact]
    public void LoadFile_ReportsDirectory_AsDiagnostic()
    {
        var result = PipelineLoader.LoadFile(_dir, DisplayPath);

        Assert.Null(result.Pipeline);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void LoadFile_ReadsValidFile_AndRecordsDisplayPath()
    {
        var result = LoadBytes(Encoding.UTF8.GetBytes("name: p\njobs:\n  a:\n    steps: [{run: echo}]\n"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(DisplayPath, result.Pipeline!.SourceFile);
    }

    [Fact]
    public void LoadFile_AcceptsUtf8ByteOrderMark()
    {
        var result = LoadBytes([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("name: p\njobs:\n  a:\n    steps: [{run: echo}]\n")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void LoadFile_RefusesTwoMegabyteFile_WithoutParsingIt()
    {
        var line = Encoding.UTF8.GetBytes("# padding padding padding padding padding padding padding padding\n");
        var bytes = Enumerable.Repeat(line, (2 * 1024 * 1024 / line.Length) + 1).SelectMany(b => b).ToArray();

        AssertOnly(LoadBytes(bytes), 1, 1, "larger than 1024 KiB");
    }

    [Fact]
    public void Parse_RefusesTwoMegabyteString()
    {
        Single(new string('#', 2 * 1024 * 1024), 1, 1, "larger than 1024 KiB");
    }

    [Fact]
    public void LoadFile_AcceptsFileOfExactlyTheLimit()
    {
        var head = Encoding.UTF8.GetBytes("name: p\njobs:\n  a:\n    steps: [{run: echo}]\n#");
        var bytes = head.Concat(Enumerable.Repeat((byte)'x', (int)PipelineLoader.MaxFileBytes - head.Length - 1)).Append((byte)'\n').ToArray();

        Assert.Equal(PipelineLoader.MaxFileBytes, bytes.Length);
        Assert.True(LoadBytes(bytes).Succeeded);
    }

    [Fact]
    public void LoadFile_ReportsInvalidUtf8_AtItsLineAndColumn()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("name: p\njobs:\n  é: "), 0xC3, 0x28, (byte)'\n'];

        AssertOnly(LoadBytes(bytes), 3, 6, "not valid UTF-8 (bad byte at offset 20)");
    }

    [Fact]
    public void LoadFile_ReportsLatin1File_AsInvalidUtf8()
    {
        AssertOnly(LoadBytes([.. "name: caf"u8, 0xE9, (byte)'\n']), 1, 10, "not valid UTF-8");
    }

    [Fact]
    public void LoadFile_ReportsBinaryContent_AtTheFirstNulByte()
    {
        byte[] bytes = [.. "name: p\nab"u8, 0x00, 0x01, 0xFF, 0xFE];

        AssertOnly(LoadBytes(bytes), 2, 3, "binary");
    }

    [Fact]
    public void LoadFile_ReportsUtf16File_AsBinary()
    {
        AssertOnly(LoadBytes(Encoding.Unicode.GetBytes("name: p\n")), 1, 2, "binary");
    }

    [Fact]
    public void LoadFile_ReportsEmptyFile()
    {
        AssertOnly(LoadBytes([]), 1, 1, "the file is empty");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void Parse_ReportsFileWithoutContent_AsEmpty(string yaml)
    {
        Single(yaml, 1, 1, "the file is empty");
    }
}
