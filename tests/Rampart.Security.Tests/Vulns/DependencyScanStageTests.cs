using System.Text;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Vulns;
using Rampart.Security.Vulns.Store;

namespace Rampart.Security.Tests.Vulns;

/// <summary>The pipeline stage: SBOM artifacts stored, vulnerabilities as findings, kept lockfile artifacts read, missing data said.</summary>
public sealed class DependencyScanStageTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rampart-stage-");
    private readonly MemoryArtifactStore _store = new();

    private string Checkout => Path.Combine(_work.FullName, "checkout");

    private string Db => Path.Combine(_work.FullName, "osv");

    [Fact]
    public async Task Stage_StoresCycloneDxAndSpdx_AndReportsVulnerabilities()
    {
        Directory.CreateDirectory(Checkout);
        await File.WriteAllTextAsync(Path.Combine(Checkout, "requirements.txt"), "django==4.1.9\nrequests==2.32.3\n", TestContext.Current.CancellationToken);
        OsvImporter.Import(Db, [Path.Combine(RepoPaths.TestData, "osv", "advisories")], cancellationToken: TestContext.Current.CancellationToken);

        var result = await new DependencyScanStage(() => Db, "1.0.0").RunAsync(Context([]), TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal([DependencyScanStage.CycloneDxName, DependencyScanStage.SpdxName], result.Artifacts.Select(a => a.Name));
        var bom = Encoding.UTF8.GetString(_store.Blobs[result.Artifacts[0].Digest]);
        Assert.Contains("pkg:pypi/django@4.1.9", bom, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("CVE-2023-36053", finding.RuleId);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("requirements.txt", finding.Location?.Path);
        Assert.Contains("Upgrade to 4.1.10", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_ReadsLockfilesTheJobsKept()
    {
        Directory.CreateDirectory(Checkout);
        OsvImporter.Import(Db, [Path.Combine(RepoPaths.TestData, "osv", "advisories")], cancellationToken: TestContext.Current.CancellationToken);
        var lockText = """{"name":"app","lockfileVersion":3,"packages":{"":{"dependencies":{"lodash":"^4"}},"node_modules/lodash":{"version":"4.17.20"}}}""";
        var (digest, size) = await _store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(lockText)), TestContext.Current.CancellationToken);

        var result = await new DependencyScanStage(() => Db, "1.0.0").RunAsync(
            Context([new ArtifactRecord(1, "build", "dist/package-lock.json", digest, size)]), TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("CVE-2021-23337", finding.RuleId);
        Assert.Equal("artifact:build/dist/package-lock.json", finding.Location?.Path);
    }

    [Fact]
    public async Task Stage_WithoutAdvisoryStore_StillWritesTheSbom_AndSaysTheScanDidNotHappen()
    {
        Directory.CreateDirectory(Checkout);
        await File.WriteAllTextAsync(Path.Combine(Checkout, "requirements.txt"), "django==4.1.9\n", TestContext.Current.CancellationToken);
        var result = await new DependencyScanStage(() => Db, "1.0.0").RunAsync(Context([]), TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Artifacts.Count);
        Assert.Equal("dependency-scan/no-advisory-data", Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public async Task Stage_ReportsUnreadableLockfile_AsHighFinding()
    {
        Directory.CreateDirectory(Checkout);
        await File.WriteAllTextAsync(Path.Combine(Checkout, "package-lock.json"), "{ broken", TestContext.Current.CancellationToken);
        var result = await new DependencyScanStage(() => Db, "1.0.0").RunAsync(Context([]), TestContext.Current.CancellationToken);
        var finding = Assert.Single(result.Findings, f => f.RuleId == "dependency-scan/unreadable-manifest");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("package-lock.json", finding.Location?.Path);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private StageContext Context(IReadOnlyList<ArtifactRecord> artifacts) => new(
        new RunRecord { Id = 1, Pipeline = "p", Repository = "/src/demo", Ref = "main", Commit = "0123abcd", Event = "push" },
        Checkout, Checkout, artifacts, _store, TextWriter.Null);

    private sealed class MemoryArtifactStore : IArtifactStore
    {
        public Dictionary<Digest, byte[]> Blobs { get; } = [];

        public Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var digest = Digest.Sha256(bytes);
            Blobs[digest] = bytes;
            return Task.FromResult((digest, (long)bytes.Length));
        }

        public bool Contains(Digest digest) => Blobs.ContainsKey(digest);

        public Stream OpenRead(Digest digest) => Blobs.TryGetValue(digest, out var b) ? new MemoryStream(b) : throw new FileNotFoundException();
    }
}
