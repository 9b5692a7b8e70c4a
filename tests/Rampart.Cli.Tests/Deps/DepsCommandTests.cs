using System.Text.Json;

namespace Rampart.Cli.Tests.Deps;

/// <summary>The sbom, db and scan deps commands as a user runs them: exit codes, stdout discipline, one-line errors.</summary>
public sealed class DepsCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rampart-cli-deps-");

    private Dictionary<string, string> Env => new() { ["RAMPART_OSV_DB"] = Path.Combine(_work.FullName, "osv") };

    [Fact]
    public async Task ScanDeps_ExitsOne_OnVulnerability_ZeroWithFailOnNever_AndJsonIsAloneOnStdout()
    {
        Write("app/requirements.txt", "django==4.1.9\n");
        var import = await RampartProcess.RunAsync(_work.FullName, Env, "db", "import", Path.Combine(RampartProcess.TestData, "osv", "advisories"));
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported", import.Stdout, StringComparison.Ordinal);

        var table = await RampartProcess.RunAsync(_work.FullName, Env, "scan", "deps", "app");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("CVE-2023-36053", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("upgrade to 4.1.10", table.Stdout, StringComparison.Ordinal);

        var json = await RampartProcess.RunAsync(_work.FullName, Env, "scan", "deps", "app", "--format", "json", "--fail-on", "never");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("CVE-2023-36053", doc.RootElement.GetProperty("vulnerabilities")[0].GetProperty("id").GetString());

        var critical = await RampartProcess.RunAsync(_work.FullName, Env, "scan", "deps", "app", "--fail-on", "critical");
        Assert.Equal(0, critical.ExitCode);
    }

    [Fact]
    public async Task ScanDeps_WithoutStore_ExitsTwo_WithOneLine()
    {
        Write("app/requirements.txt", "django==4.1.9\n");
        var result = await RampartProcess.RunAsync(_work.FullName, Env, "scan", "deps", "app");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("db update", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sbom_OnUnreadableLockfile_ExitsTwo_AndWritesNothing()
    {
        Write("app/package-lock.json", "{ not json");
        var output = Path.Combine(_work.FullName, "bom.json");
        var result = await RampartProcess.RunAsync(_work.FullName, Env, "sbom", "app", "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("package-lock.json", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Sbom_WritesCycloneDxOrSpdx_ToStdout()
    {
        Write("app/requirements.txt", "six==1.16.0\n");
        var cdx = await RampartProcess.RunAsync(_work.FullName, Env, "sbom", "app");
        Assert.Equal(0, cdx.ExitCode);
        using (var doc = JsonDocument.Parse(cdx.Stdout))
            Assert.Equal("pkg:pypi/six@1.16.0", doc.RootElement.GetProperty("components")[0].GetProperty("purl").GetString());
        var spdx = await RampartProcess.RunAsync(_work.FullName, Env, "sbom", "app", "--format", "spdx");
        using var spdxDoc = JsonDocument.Parse(spdx.Stdout);
        Assert.Equal("SPDX-2.3", spdxDoc.RootElement.GetProperty("spdxVersion").GetString());
        var bad = await RampartProcess.RunAsync(_work.FullName, Env, "sbom", "app", "--format", "xml");
        Assert.Equal(2, bad.ExitCode);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_work.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
