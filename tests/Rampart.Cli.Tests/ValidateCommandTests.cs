namespace Rampart.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TestRepository _repo = new();

    [Fact]
    public async Task Validate_ValidFile_ExitsZero()
    {
        _repo.WithPipeline("name: ok\njobs:\n  build:\n    steps:\n      - run: make\n");

        var result = await CliProcess.RunAsync(_repo.Root, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok (1 job)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadYaml_PrintsFileLineColumn_AndExitsTwo()
    {
        _repo.WithPipeline("name: broken\njobs:\n  build:\n    steps: [ { run: make }\n");

        var result = await CliProcess.RunAsync(_repo.Root, "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^\.rampart/pipeline\.yml:\d+:\d+: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CycleAndUnknownKey_ReportsEveryProblem()
    {
        _repo.WithPipeline("""
            name: cyclic
            jobs:
              a:
                needs: [b]
                steps: [ { run: x } ]
              b:
                needs: [a]
                colour: blue
                steps: [ { run: y } ]
            """);

        var result = await CliProcess.RunAsync(_repo.Root, "validate", ".rampart/pipeline.yml");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith(".rampart/pipeline.yml:8:5: ", StringComparison.Ordinal) && l.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("cycle", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Validate_MissingFile_IsAUsageError()
    {
        var result = await CliProcess.RunAsync(_repo.Root, "validate", "nope.yml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rampart: nope.yml: no such file or folder\n", result.Stderr);
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        var result = await CliProcess.RunAsync(_repo.Root, "validate", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();
}
