using System.Text;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.CycloneDx;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Spdx;

namespace Rampart.Security.Tests.Sbom;

/// <summary>
/// Golden files for both formats, so a change in output is a reviewed change. Set
/// RAMPART_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change.
/// </summary>
public sealed class SbomSnapshotTests
{
    private static readonly SbomWriteOptions Options = new("rampart", "1.2.3", Guid.Parse("00000000-0000-4000-8000-000000000001"));

    [Fact]
    public void CycloneDx_MatchesGoldenFile() => Check("small.cdx.json", s => CycloneDxWriter.Write(s, Document(), Options));

    [Fact]
    public void Spdx_MatchesGoldenFile() => Check("small.spdx.json", s => SpdxWriter.Write(s, Document(), Options));

    private static SbomDocument Document()
    {
        var express = new Component("npm", "express", "4.18.2", "pkg:npm/express@4.18.2")
        {
            Direct = true,
            License = "MIT",
            Hashes = [new ComponentHash("SHA-512", string.Concat(Enumerable.Repeat("0123456789abcdef", 8)))],
            DependsOn = ["pkg:npm/debug@2.6.9", "pkg:npm/not-in-the-sbom@1.0.0"],
            FoundIn = ["package-lock.json"],
        };
        var debug = new Component("npm", "debug", "2.6.9", "pkg:npm/debug@2.6.9") { Direct = false, FoundIn = ["package-lock.json"] };
        var types = new Component("npm", "@types/node", "20.1.0", "pkg:npm/%40types/node@20.1.0")
        {
            Direct = true,
            Scope = ComponentScope.Development,
            License = "not a license expression!",
            FoundIn = ["package-lock.json", "web/package-lock.json"],
        };
        return new SbomDocument(new SbomSubject("demo", "0123abc", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), [express, debug, types]);
    }

    private static void Check(string name, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        var actual = Encoding.UTF8.GetString(buffer.ToArray());
        var path = Path.Combine(RepoPaths.Root, "tests", "Rampart.Security.Tests", "Sbom", "expected", name);
        if (Environment.GetEnvironmentVariable("RAMPART_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(path, actual);
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
