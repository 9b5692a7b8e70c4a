using Rampart.Engine.Source;
using Rampart.Engine.Tests.Runs;

namespace Rampart.Engine.Tests.Source;

public sealed class GitSourceExportTests : IDisposable
{
    private readonly TestRepository _repository = new();
    private readonly string _target = Path.Combine(Directory.CreateTempSubdirectory("rampart-export-").FullName, "workspace");

    [Fact]
    public async Task ExportTree_WritesTheCommittedFiles_WithoutGitAndWithoutTouchingTheRepository()
    {
        _repository.WithFile("src/app.cs", "class App {}").WithFile("README.md", "hello");
        var commit = _repository.Commit();
        File.WriteAllText(Path.Combine(_repository.Root, "README.md"), "edited, not committed");
        var headBefore = _repository.Git("rev-parse", "HEAD");
        var statusBefore = _repository.Git("status", "--porcelain");

        await GitSource.ExportTreeAsync(Revision(commit), _target, TestContext.Current.CancellationToken);

        Assert.Equal("class App {}", File.ReadAllText(Path.Combine(_target, "src", "app.cs")));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_target, "README.md")));
        Assert.False(Directory.Exists(Path.Combine(_target, ".git")));
        Assert.False(File.Exists(_target + ".index"), "the throwaway index is removed");
        Assert.Equal(headBefore, _repository.Git("rev-parse", "HEAD"));
        Assert.Equal(statusBefore, _repository.Git("status", "--porcelain"));
        Assert.Equal("edited, not committed", File.ReadAllText(Path.Combine(_repository.Root, "README.md")));
    }

    [Fact]
    public async Task ExportTree_KeepsAFileTheCommitMarksExportIgnore_SoTheStagesStillSeeIt()
    {
        // git archive would drop it: a commit must not hide a file from the scans through its own attributes.
        _repository.WithFile(".gitattributes", "leak.env export-ignore\n").WithFile("leak.env", "TOKEN=x");
        var commit = _repository.Commit();

        await GitSource.ExportTreeAsync(Revision(commit), _target, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(_target, "leak.env")));
    }

    [Fact]
    public async Task ExportTree_WritesSymlinksAsLinks_NeverFollowingThem()
    {
        _repository.WithFile("a.txt", "a");
        File.CreateSymbolicLink(Path.Combine(_repository.Root, "outside"), "/etc/passwd");
        var commit = _repository.Commit();

        await GitSource.ExportTreeAsync(Revision(commit), _target, TestContext.Current.CancellationToken);

        var link = new FileInfo(Path.Combine(_target, "outside"));
        Assert.Equal("/etc/passwd", link.LinkTarget);
    }

    [Fact]
    public async Task ExportTree_OfACommitWithNoFiles_LeavesAnEmptyFolder()
    {
        var empty = _repository.Git("commit-tree", _repository.Git("hash-object", "-t", "tree", "-w", "/dev/null").Trim(), "-m", "empty").Trim();

        await GitSource.ExportTreeAsync(Revision(empty), _target, TestContext.Current.CancellationToken);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_target));
    }

    [Fact]
    public async Task ExportTree_OfAnUnknownCommit_FailsWithASourceError()
    {
        _repository.WithFile("a.txt", "a").Commit();

        await Assert.ThrowsAsync<SourceException>(() =>
            GitSource.ExportTreeAsync(Revision(new string('1', 40)), _target, TestContext.Current.CancellationToken));
    }

    private SourceRevision Revision(string commit) => new(_repository.Root, "", "refs/heads/main", commit, "main", Dirty: false);

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(Path.GetDirectoryName(_target)!, recursive: true);
    }
}
