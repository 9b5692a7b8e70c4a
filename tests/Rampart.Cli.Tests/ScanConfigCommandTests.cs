using System.CommandLine;
using System.Text.Json;
using Rampart.Cli.Commands;

namespace Rampart.Cli.Tests;

/// <summary><c>rampart scan config</c>, parsed and invoked in-process with its output captured.</summary>
public sealed class ScanConfigCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-scan-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static async Task<(int Exit, string Stdout)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ScanConfigCommand.Create() };
        using var stdout = new StringWriter();
        var exit = await root.Parse(["config", .. args]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = TextWriter.Null }, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString());
    }

    [Fact]
    public async Task Table_ListsFindings_AndExitsOne_WhenAtOrAboveFailOn()
    {
        Write("Dockerfile", "FROM node:latest\nUSER node\n");
        var (exit, stdout) = await RunAsync(_root, "--fail-on", "medium");
        Assert.Equal(1, exit);
        Assert.Contains("Dockerfile:1:1: medium docker-image-latest:", stdout, StringComparison.Ordinal);
        Assert.Contains("1 files scanned, 1 findings (1 medium), 0 suppressed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailOn_AboveTheWorstFinding_ExitsZero()
    {
        Write("Dockerfile", "FROM node:latest\nUSER node\n");
        Assert.Equal(0, (await RunAsync(_root, "--fail-on", "high")).Exit);
        Assert.Equal(0, (await RunAsync(_root, "--fail-on", "never")).Exit);
    }

    [Fact]
    public async Task Json_HasOnlyJsonOnStdout_WithRelativePaths()
    {
        Write("k8s/app.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec:\n  containers:\n    - name: c\n      image: app\n      securityContext: {privileged: true}\n");
        var (exit, stdout) = await RunAsync(_root, "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var privileged = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "k8s-privileged");
        Assert.Equal("k8s/app.yaml", privileged.GetProperty("path").GetString());
        Assert.Equal(8, privileged.GetProperty("line").GetInt32());
        Assert.Equal("critical", privileged.GetProperty("severity").GetString());
        Assert.Equal("docs/rules/k8s-privileged.md", privileged.GetProperty("docs").GetString());
    }

    [Fact]
    public async Task Sarif_WrittenToOutputFile()
    {
        Write("main.tf", "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n  storage_encrypted   = true\n}\n");
        var output = Path.Combine(_root, "out.sarif");
        var (exit, stdout) = await RunAsync(_root, "--format", "sarif", "--output", output, "--kind", "terraform");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        Assert.Equal("tf-rds-public", result.GetProperty("ruleId").GetString());
        Assert.Equal("main.tf", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task SingleFile_IsScanned()
    {
        Write("sub/Dockerfile", "FROM alpine\n");
        var (_, stdout) = await RunAsync(Path.Combine(_root, "sub", "Dockerfile"), "--fail-on", "never");
        Assert.Contains("Dockerfile:1:1: high docker-root-user:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-on", "severe")]
    [InlineData("--kind", "helm")]
    public async Task BadOptions_ExitTwo(string option, string value) =>
        Assert.Equal(2, (await RunAsync(_root, option, value)).Exit);

    [Fact]
    public async Task UnwritableOutput_ExitsTwo() =>
        Assert.Equal(2, (await RunAsync(_root, "--output", Path.Combine(_root, "no", "such", "folder", "x.sarif"))).Exit);

    [Fact]
    public async Task MissingPath_ExitsTwo() =>
        Assert.Equal(2, (await RunAsync(Path.Combine(_root, "nope"))).Exit);

    [Fact]
    public async Task InvalidSettingsFile_ExitsTwo()
    {
        Write(".rampart/misconfig.yml", "disable: [nope]\n");
        Assert.Equal(2, (await RunAsync(_root)).Exit);
    }
}
