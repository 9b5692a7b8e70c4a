namespace Rampart.Core.Tests.Interop;

public sealed class NodeToolTests
{
    [Fact]
    public void Locate_FailsWithInstallCommand_WhenToolIsNotInstalled()
    {
        var failure = Assert.ThrowsAny<Exception>(() => NodeTool.Locate("no-such-tool-rampart"));

        Assert.Contains(NodeTool.InstallHint, failure.Message, StringComparison.Ordinal);
        Assert.Equal("run: npm ci --prefix tests/tools", NodeTool.InstallHint);
    }

    [Fact]
    public void RepoRoot_IsTheFolderHoldingTheSolutionFile()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "Rampart.slnx")));
    }
}
