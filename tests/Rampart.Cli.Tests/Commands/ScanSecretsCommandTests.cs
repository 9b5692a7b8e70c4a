using System.Diagnostics;
using System.Text.Json;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Cli.Tests.Commands;

/// <summary>`rampart scan secrets` as a user runs it: a real process, its exit code and its output.</summary>
public sealed class ScanSecretsCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rampart-cli-ss-");

    private static string Token()
    {
        var body = string.Concat(Enumerable.Range(0, 30).Select(i => (char)('a' + (i * 7 % 26))));
        return "ghp_" + body + SecretValidators.GitHubChecksum(body);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<(int Code, string Out, string Err)> RampartAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task CleanFolder_ExitsZero()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "a.txt"), "nothing to see");
        var (code, output, _) = await RampartAsync(null, "scan", "secrets", _dir.FullName);
        Assert.Equal(0, code);
        Assert.Contains("no secrets found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finding_ExitsOne_AndJsonOnStdoutIsAValidBaseline()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "a.env"), "TOKEN=" + Token());
        var report = Path.Combine(_dir.FullName, "..", _dir.Name + "-report.json");
        var (code, output, _) = await RampartAsync(null, "scan", "secrets", _dir.FullName, "--format", "json");
        Assert.Equal(1, code);
        using (var doc = JsonDocument.Parse(output))
            Assert.Equal("github-pat", doc.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        Assert.DoesNotContain(Token(), output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(report, output, TestContext.Current.CancellationToken);
        try
        {
            var (again, _, _) = await RampartAsync(null, "scan", "secrets", _dir.FullName, "--baseline", report);
            Assert.Equal(0, again);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task Sarif_WritesToOutputFile()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "a.env"), "\n\nTOKEN=" + Token());
        var sarif = Path.Combine(_dir.FullName, "..", _dir.Name + ".sarif");
        var (code, _, error) = await RampartAsync(null, "scan", "secrets", _dir.FullName, "--format", "sarif", "--output", sarif);
        try
        {
            Assert.Equal(1, code);
            Assert.Contains("report written", error, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(sarif, TestContext.Current.CancellationToken));
            var location = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("a.env", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(3, location.GetProperty("region").GetProperty("startLine").GetInt32());
        }
        finally
        {
            File.Delete(sarif);
        }
    }

    [Fact]
    public async Task StandardInput_IsScanned()
    {
        var (code, output, _) = await RampartAsync("log line\nurl=https://x:" + "Zt5kP9qLm2Xw8vRb@git.example.com/a\n", "scan", "secrets", "-");
        Assert.Equal(1, code);
        Assert.Contains("stdin:2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--since", "-oops")]
    [InlineData("--config", "/no/such/file.toml")]
    [InlineData("--baseline", "/no/such/report.json")]
    [InlineData("--decode-depth", "99")]
    public async Task BadInput_ExitsTwo_WithOneLine(string option, string value)
    {
        var (code, _, error) = await RampartAsync(null, "scan", "secrets", _dir.FullName, option, value);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task MissingFolder_ExitsTwo()
    {
        var (code, _, error) = await RampartAsync(null, "scan", "secrets", Path.Combine(_dir.FullName, "nope"));
        Assert.Equal(2, code);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);
    }
}
