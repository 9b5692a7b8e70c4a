using System.Runtime.Versioning;
using Rampart.Engine.Artifacts;

namespace Rampart.Engine.Tests.Artifacts;

/// <summary>
/// The open-then-verify step on its own: these are the states a swap between the walk and the open
/// would leave behind, which the walk cannot be made to hit reliably.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VerifiedFileTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void OpenRegular_ReadsARegularFileAtItsRealPath()
    {
        var path = _tree.WriteFile("a.txt", "abc");

        using var stream = VerifiedFile.OpenRegular(path);

        Assert.Equal(3, stream.Length);
    }

    [Fact]
    public void OpenRegular_RefusesFileSwappedForALink()
    {
        _tree.Link("a.txt", "/etc/hostname");

        var error = Assert.Throws<IOException>(() => VerifiedFile.OpenRegular(Path.Combine(_tree.Workspace, "a.txt")));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRegular_RefusesWhenAParentDirectoryWasSwappedForALink()
    {
        // The walk resolved ws/dir/secret; then dir became a link to the outside folder.
        _tree.Link("dir", _tree.Outside);

        var error = Assert.Throws<IOException>(() => VerifiedFile.OpenRegular(Path.Combine(_tree.Workspace, "dir", "secret")));

        Assert.Contains("moved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRegular_RefusesADirectory()
    {
        Assert.Throws<IOException>(() => VerifiedFile.OpenRegular(_tree.Outside));
    }
}
