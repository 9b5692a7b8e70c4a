using System.Runtime.Versioning;
using Rampart.Core.Evidence;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Tests.Artifacts;

[SupportedOSPlatform("linux")]
public sealed class ArtifactCollectorTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FileSystemArtifactStore _store;

    public ArtifactCollectorTests() => _store = new FileSystemArtifactStore(_tree.StoreRoot);

    public void Dispose() => _tree.Dispose();

    private Task<IReadOnlyList<CollectedArtifact>> Collect(params string[] patterns) =>
        new ArtifactCollector(_store).CollectAsync(_tree.Workspace, patterns, TestContext.Current.CancellationToken);

    private async Task<ArtifactPathException> Refused(params string[] patterns) =>
        await Assert.ThrowsAsync<ArtifactPathException>(() => Collect(patterns));

    [Fact]
    public async Task Collect_MatchesGlobsAndDirectories_SortedByName()
    {
        _tree.WriteFile("bin/Release/net10.0/App.dll", "app");
        _tree.WriteFile("bin/Release/net10.0/App.pdb", "pdb");
        _tree.WriteFile("bin/Lib.dll", "lib");
        _tree.WriteFile("out/app.tar.gz", "tar");
        _tree.WriteFile("dist/index.html", "html");
        _tree.WriteFile("dist/js/.hidden.js", "js");
        _tree.WriteFile("src/Other.dll", "not declared");

        var kept = await Collect("bin/**/*.dll", "out/app.tar.gz", "dist/");

        Assert.Equal(
            ["bin/Lib.dll", "bin/Release/net10.0/App.dll", "dist/index.html", "dist/js/.hidden.js", "out/app.tar.gz"],
            kept.Select(a => a.Name));
        var app = kept.Single(a => a.Name == "bin/Release/net10.0/App.dll");
        Assert.Equal(Digest.Sha256("app"u8), app.Digest);
        Assert.Equal(3, app.Size);
        Assert.True(_store.Contains(app.Digest));
    }

    [Fact]
    public async Task Collect_StoresIdenticalContentOnce()
    {
        _tree.WriteFile("a/one.txt", "same bytes");
        _tree.WriteFile("b/two.txt", "same bytes");

        var kept = await Collect("**/*.txt");

        Assert.Equal(2, kept.Count);
        Assert.Equal(kept[0].Digest, kept[1].Digest);
        Assert.Single(Directory.GetFiles(Path.Combine(_tree.StoreRoot, "sha256")));
    }

    [Fact]
    public async Task Collect_KeepsFileMatchedByTwoPatternsOnce()
    {
        _tree.WriteFile("out/app.bin", "x");

        var kept = await Collect("out/*", "out/app.bin");

        Assert.Single(kept);
    }

    [Theory]
    [InlineData("../secret", "'..'")]
    [InlineData("a/../../x", "'..'")]
    [InlineData("out/..", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/Windows/win.ini", "drive letter")]
    [InlineData("c:secret", "drive letter")]
    [InlineData("out\\..\\..\\secret", "backslash")]
    [InlineData("out/app\0.bin", "NUL")]
    [InlineData("out/\nfake line", "control character")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public async Task Collect_RefusesUnsafePattern_NamingIt(string pattern, string reason)
    {
        _tree.WriteFile("out/app.bin", "x");

        var error = await Refused("out/app.bin", pattern);

        Assert.Equal(pattern, error.Pattern);
        Assert.Null(error.Path);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\0', error.Message);
        Assert.False(Directory.Exists(_tree.StoreRoot), "nothing is stored when any pattern is refused");
    }

    [Fact]
    public async Task Collect_FailsNamingThePattern_WhenItMatchesNothing()
    {
        _tree.WriteFile("out/app.bin", "x");

        var error = await Refused("out/app.bin", "out/missing-*.tar.gz");

        Assert.Equal("out/missing-*.tar.gz", error.Pattern);
        Assert.Equal("artifact pattern 'out/missing-*.tar.gz' matched no file", error.Message);
    }

    [Fact]
    public async Task Collect_FailsWhenPatternNamesOnlyADirectory()
    {
        _tree.WriteFile("dist/index.html", "x");

        var error = await Refused("dist");

        Assert.Contains("matched no file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_FailsWhenFileCountCapIsExceeded()
    {
        for (var i = 0; i < 4; i++)
            _tree.WriteFile($"out/{i}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var collector = new ArtifactCollector(_store, maxCount: 3);

        var error = await Assert.ThrowsAsync<ArtifactPathException>(
            () => collector.CollectAsync(_tree.Workspace, ["out/*"], TestContext.Current.CancellationToken));

        Assert.Contains("limit of 3 files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_FailsWhenByteCapIsExceeded_NamingTheFileThatCrossesIt()
    {
        _tree.WriteFile("out/a.bin", new string('a', 600));
        _tree.WriteFile("out/b.bin", new string('b', 600));
        var collector = new ArtifactCollector(_store, maxTotalBytes: 1000);

        var error = await Assert.ThrowsAsync<ArtifactPathException>(
            () => collector.CollectAsync(_tree.Workspace, ["out/"], TestContext.Current.CancellationToken));

        Assert.Equal("out/b.bin", error.Path);
        Assert.Contains("limit of 1000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_AcceptsFilesExactlyAtTheByteCap()
    {
        _tree.WriteFile("out/a.bin", new string('a', 500));
        _tree.WriteFile("out/b.bin", new string('b', 500));
        var collector = new ArtifactCollector(_store, maxTotalBytes: 1000);

        var kept = await collector.CollectAsync(_tree.Workspace, ["out/"], TestContext.Current.CancellationToken);

        Assert.Equal(1000, kept.Sum(a => a.Size));
    }
}
