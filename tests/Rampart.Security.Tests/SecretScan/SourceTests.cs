using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Reports;

namespace Rampart.Security.Tests.SecretScan;

public sealed class SourceTests
{
    private static readonly SecretScanEngine Engine = new(BuiltInRules.Compiled);

    private static string Token(int seed) => FakeSecrets.GitHub("ghp", new Random(seed));

    [Fact]
    public async Task Directory_RespectsNestedGitIgnore_OutsideGit()
    {
        using var dir = TempRepo.Empty();
        dir.Write(".gitignore", "*.log\nbuild/\n!keep.log\n");
        dir.Write("app/.gitignore", "/local.env\n");
        dir.Write("a.txt", "t=" + Token(1));
        dir.Write("debug.log", "t=" + Token(2));
        dir.Write("keep.log", "t=" + Token(3));
        dir.Write("build/out.txt", "t=" + Token(4));
        dir.Write("app/local.env", "t=" + Token(5));
        dir.Write("app/sub/local.env", "t=" + Token(6));
        var result = await Engine.ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        Assert.Equal(["a.txt", "app/sub/local.env", "keep.log"], result.Findings.Select(f => f.Path).ToArray());
        var all = await new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { RespectGitIgnore = false })
            .ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        Assert.Equal(6, all.Findings.Count);
    }

    [Fact]
    public async Task Directory_InGitWorkTree_ListsTrackedAndUntrackedButNotIgnored()
    {
        using var repo = TempRepo.Git();
        repo.Write(".gitignore", "secrets/\n");
        repo.Write("tracked.txt", "t=" + Token(1));
        repo.Commit("first");
        repo.Write("untracked.txt", "t=" + Token(2));
        repo.Write("secrets/ignored.txt", "t=" + Token(3));
        var result = await Engine.ScanDirectoryAsync(repo.Path, null, TestContext.Current.CancellationToken);
        Assert.Equal(["tracked.txt", "untracked.txt"], result.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public async Task Directory_NeverFollowsSymlinks_OutOfTheTree()
    {
        using var outside = TempRepo.Empty();
        outside.Write("host-secret.txt", "t=" + Token(9));
        using var dir = TempRepo.Empty();
        dir.Write("ok.txt", "nothing here");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link.txt"), Path.Combine(outside.Path, "host-secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "linkdir"), outside.Path);
        var result = await Engine.ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task Directory_SkipsBinaryAndOversizedFiles_AndCountsThem()
    {
        using var dir = TempRepo.Empty();
        File.WriteAllBytes(Path.Combine(dir.Path, "blob.bin"), [0, 1, 2, .. System.Text.Encoding.UTF8.GetBytes("t=" + Token(1))]);
        dir.Write("big.txt", new string('x', 3000) + "\nt=" + Token(2));
        var engine = new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { MaxFileBytes = 1000 });
        var result = await engine.ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        Assert.Empty(result.Findings);
        Assert.Equal(1, result.Stats.SkippedBinary);
        Assert.Equal(1, result.Stats.SkippedLarge);
    }

    [Fact]
    public async Task History_FindsSecretRemovedLater_WithCommitAuthorAndLine()
    {
        using var repo = TempRepo.Git();
        repo.Write("app/config.py", "DEBUG = False\nNAME = 'x'\n");
        repo.Commit("init");
        repo.Write("app/config.py", "DEBUG = False\nNAME = 'x'\nGITHUB_TOKEN = '" + Token(4) + "'\n");
        var leak = repo.Commit("add token");
        repo.Write("app/config.py", "DEBUG = False\nNAME = 'x'\n");
        repo.Commit("remove token");
        var tree = await Engine.ScanDirectoryAsync(repo.Path, null, TestContext.Current.CancellationToken);
        Assert.Empty(tree.Findings);
        var history = await Engine.ScanHistoryAsync(repo.Path, HistoryRange.All, null, TestContext.Current.CancellationToken);
        var finding = Assert.Single(history.Findings);
        Assert.Equal(leak, finding.Commit);
        Assert.Equal("Dev", finding.Author);
        Assert.Equal("app/config.py", finding.Path);
        Assert.Equal(3, finding.Line);
        Assert.Equal(3, history.Stats.Commits);
    }

    [Fact]
    public async Task History_Since_ScansOnlyNewCommits_OnEveryBranch()
    {
        using var repo = TempRepo.Git();
        repo.Write("a.txt", "t=" + Token(1));
        var first = repo.Commit("old leak");
        repo.Run("checkout", "-q", "-b", "feature");
        repo.Write("b.txt", "t=" + Token(2));
        var onBranch = repo.Commit("new leak on a branch");
        repo.Run("checkout", "-q", "main");
        var result = await Engine.ScanHistoryAsync(repo.Path, HistoryRange.After(first), null, TestContext.Current.CancellationToken);
        Assert.Equal(onBranch, Assert.Single(result.Findings).Commit);
    }

    [Theory]
    [InlineData("--output=/tmp/x")]
    [InlineData("HEAD --all")]
    [InlineData("")]
    public async Task History_RefusesRevisionsThatLookLikeOptions(string since)
    {
        using var repo = TempRepo.Git();
        await Assert.ThrowsAsync<Scanning.SecretScan.Sources.HistoryException>(() =>
            Engine.ScanHistoryAsync(repo.Path, HistoryRange.After(since), null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task History_UnknownRevision_IsAOneLineError()
    {
        using var repo = TempRepo.Git();
        repo.Write("a.txt", "x");
        repo.Commit("x");
        var e = await Assert.ThrowsAsync<Scanning.SecretScan.Sources.HistoryException>(() =>
            Engine.ScanHistoryAsync(repo.Path, HistoryRange.After("no-such-rev"), null, TestContext.Current.CancellationToken));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Artifacts_ZipAndTarGzEntries_AreScannedWithEntryPaths()
    {
        using var zipStream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipStream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("app/appsettings.json").Open());
            await writer.WriteAsync("{\"token\": \"" + Token(5) + "\"}");
        }

        zipStream.Position = 0;
        var result = await Engine.ScanArtifactAsync(zipStream, "site.zip", TestContext.Current.CancellationToken);
        Assert.Equal("site.zip!app/appsettings.json", Assert.Single(result.Findings).Path);

        using var tgz = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(tgz, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "etc/app.env")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("T=" + Token(6))),
            };
            await tar.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
        }

        tgz.Position = 0;
        var tarResult = await Engine.ScanArtifactAsync(tgz, "rootfs.tar.gz", TestContext.Current.CancellationToken);
        Assert.Equal("rootfs.tar.gz!etc/app.env", Assert.Single(tarResult.Findings).Path);
    }

    [Fact]
    public async Task Baseline_FromEarlierJsonReportOrSarif_LeavesOnlyNewFindings()
    {
        using var dir = TempRepo.Empty();
        dir.Write("a.txt", "t=" + Token(1));
        var first = await Engine.ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        var json = Path.Combine(dir.Path, "..", Path.GetFileName(dir.Path) + ".json");
        var sarif = Path.ChangeExtension(json, ".sarif");
        await using (var stream = File.Create(json))
            SecretJsonReport.Write(stream, first);
        await using (var stream = File.Create(sarif))
            SecretSarif.Write(stream, BuiltInRules.Compiled, first.Findings);
        dir.Write("zz-new.txt", "\n\nt=" + Token(2));
        dir.Write("a.txt", "moved down\n\nt=" + Token(1));
        var second = await Engine.ScanDirectoryAsync(dir.Path, null, TestContext.Current.CancellationToken);
        foreach (var file in new[] { json, sarif })
        {
            var fresh = SecretBaseline.Load(file).New(second.Findings);
            Assert.Equal("zz-new.txt", Assert.Single(fresh).Path);
            File.Delete(file);
        }
    }

    [Fact]
    public void Baseline_FromGitleaksReport_MatchesByFileAndSecret()
    {
        var token = Token(3);
        var finding = Assert.Single(Engine.ScanText("x=" + token, new ScanTarget("src/app.js")));
        using var dir = TempRepo.Empty();
        dir.Write("gl.json", "[{\"RuleID\":\"github-pat\",\"File\":\"src/app.js\",\"Secret\":\"" + token + "\",\"StartLine\":1}]");
        Assert.Empty(SecretBaseline.Load(Path.Combine(dir.Path, "gl.json")).New([finding]));
    }

    [Fact]
    public void Baseline_ThatIsNotAReport_IsAnInputError()
    {
        using var dir = TempRepo.Empty();
        dir.Write("b.json", "{\"hello\": 1}");
        dir.Write("c.json", "not json");
        Assert.Throws<Scanning.SecretScan.Engine.SecretConfigException>(() => SecretBaseline.Load(Path.Combine(dir.Path, "b.json")));
        Assert.Throws<Scanning.SecretScan.Engine.SecretConfigException>(() => SecretBaseline.Load(Path.Combine(dir.Path, "c.json")));
    }
}
