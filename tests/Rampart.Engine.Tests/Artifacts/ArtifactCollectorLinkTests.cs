using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Rampart.Core.Evidence;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Tests.Artifacts;

/// <summary>Links, special files and swaps that try to make the collector read outside the workspace.</summary>
[SupportedOSPlatform("linux")]
public sealed class ArtifactCollectorLinkTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly FileSystemArtifactStore _store;

    public ArtifactCollectorLinkTests() => _store = new FileSystemArtifactStore(_tree.StoreRoot);

    public void Dispose() => _tree.Dispose();

    private Task<IReadOnlyList<CollectedArtifact>> Collect(params string[] patterns) =>
        new ArtifactCollector(_store).CollectAsync(_tree.Workspace, patterns, TestContext.Current.CancellationToken);

    private async Task<ArtifactPathException> Refused(params string[] patterns) =>
        await Assert.ThrowsAsync<ArtifactPathException>(() => Collect(patterns));

    private void AssertNothingOutsideStored()
    {
        Assert.False(_store.Contains(Digest.Sha256("top secret"u8)));
        if (File.Exists("/etc/hostname"))
            Assert.False(_store.Contains(Digest.Sha256(File.ReadAllBytes("/etc/hostname"))));
    }

    [Fact]
    public async Task Collect_RefusesFileLinkToEtcHostname()
    {
        _tree.Link("out/hostname", "/etc/hostname");

        var error = await Refused("out/*");

        Assert.Equal("out/hostname", error.Path);
        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
        AssertNothingOutsideStored();
    }

    [Fact]
    public async Task Collect_RefusesRelativeFileLinkThatClimbsOut()
    {
        _tree.Link("out/secret", "../../outside/secret");

        var error = await Refused("out/secret");

        Assert.Equal("out/secret", error.Path);
        AssertNothingOutsideStored();
    }

    [Theory]
    [InlineData("dir/secret")]
    [InlineData("dir/*")]
    [InlineData("**/secret")]
    [InlineData("dir/")]
    public async Task Collect_RefusesGlobThroughDirectoryLinkToOutside(string pattern)
    {
        _tree.WriteFile("out/ok.txt", "fine");
        _tree.Link("dir", _tree.Outside);

        var error = await Refused(pattern);

        Assert.Equal("dir", error.Path);
        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
        AssertNothingOutsideStored();
    }

    [Fact]
    public async Task Collect_RefusesLinkThroughLinkedDirectoryToEtc()
    {
        _tree.Link("etc", "/etc");

        var error = await Refused("etc/passwd");

        Assert.Equal("etc", error.Path);
    }

    [Fact]
    public async Task Collect_RefusesLinkChainThatEndsOutside()
    {
        // a -> b -> c -> ../outside/secret: every hop but the last stays inside.
        _tree.Link("out/a", "b");
        _tree.Link("out/b", "c");
        _tree.Link("out/c", "../../outside/secret");

        var error = await Refused("out/a");

        Assert.Equal("out/a", error.Path);
        AssertNothingOutsideStored();
    }

    [Fact]
    public async Task Collect_RefusesInsideLinkWhoseDirectoryHopLeavesTheWorkspace()
    {
        // inner/x -> ../hop/secret, where hop is itself a link to the outside folder.
        _tree.Link("hop", _tree.Outside);
        _tree.Link("inner/x", "../hop/secret");

        var error = await Refused("inner/x");

        Assert.Equal("inner/x", error.Path);
    }

    [Fact]
    public async Task Collect_AllowsLinksThatStayInside_UnderTheLinkName()
    {
        _tree.WriteFile("build/app.bin", "payload");
        _tree.Link("out/app.bin", "../build/app.bin");
        _tree.Link("latest", "build");

        var kept = await Collect("out/app.bin", "latest/*");

        Assert.Equal(["latest/app.bin", "out/app.bin"], kept.Select(a => a.Name));
        Assert.All(kept, a => Assert.Equal(Digest.Sha256("payload"u8), a.Digest));
    }

    [Fact]
    public async Task Collect_IgnoresOutsideLinkThePatternDoesNotNeed()
    {
        _tree.WriteFile("out/app.bin", "x");
        _tree.Link("cache", _tree.Outside);
        _tree.Link("out/readme", "/etc/hostname");

        var kept = await Collect("out/*.bin");

        Assert.Equal(["out/app.bin"], kept.Select(a => a.Name));
    }

    [Fact]
    public async Task Collect_SurvivesDirectoryLinkCycle()
    {
        _tree.WriteFile("a/file.txt", "x");
        _tree.Link("a/loop", "..");

        var kept = await Collect("**/*.txt");

        Assert.Equal(["a/file.txt"], kept.Select(a => a.Name));
    }

    [Fact]
    public async Task Collect_RefusesDanglingLink()
    {
        _tree.Link("out/gone", "missing");

        var error = await Refused("out/gone");

        Assert.Contains("dangling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_RefusesFifo_WithoutBlocking()
    {
        var fifo = Path.Combine(_tree.Workspace, "out", "pipe");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);

        var error = await Refused("out/pipe");

        Assert.Equal("out/pipe", error.Path);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_RefusesSocket()
    {
        var path = Path.Combine(_tree.Workspace, "sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = await Refused("sock");

        Assert.Contains("socket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_RefusesDeviceReachedThroughLink_AsOutside()
    {
        _tree.Link("out/null", "/dev/null");

        var error = await Refused("out/null");

        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WorksWhenWorkspacePathItselfGoesThroughALink()
    {
        _tree.WriteFile("out/app.bin", "x");
        var alias = Path.Combine(_tree.Root, "alias");
        Directory.CreateSymbolicLink(alias, _tree.Workspace);

        var kept = await new ArtifactCollector(_store).CollectAsync(alias, ["out/*"], TestContext.Current.CancellationToken);

        Assert.Equal(["out/app.bin"], kept.Select(a => a.Name));
    }
}
