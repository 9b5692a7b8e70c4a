using Rampart.Engine.Source;
using Rampart.Engine.Tests.Runs;

namespace Rampart.Engine.Tests.Source;

public sealed class GitMirrorTests : IDisposable
{
    private readonly TestRepository _repository = new();
    private readonly string _cache = Directory.CreateTempSubdirectory("rampart-mirror-").FullName;

    [Fact]
    public async Task Ensure_UsesTheMirrorWhileAnotherProcessHoldsTheLock_WhenItAlreadyHasTheCommit()
    {
        var commit = _repository.WithFile("a.txt", "a").Commit();
        var mirror = await GitMirror.EnsureAsync(_cache, _repository.Root, commit, TestContext.Current.CancellationToken);

        // Another process updating the mirror holds its lock file; a reader of a commit already there need not wait.
        using (new FileStream(mirror + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Assert.Equal(mirror, await GitMirror.EnsureAsync(_cache, _repository.Root, commit, limit.Token));
        }
    }

    [Fact]
    public async Task Ensure_FetchesUnderTheLock_ACommitTheMirrorDoesNotHaveYet()
    {
        var first = _repository.WithFile("a.txt", "a").Commit();
        var mirror = await GitMirror.EnsureAsync(_cache, _repository.Root, first, TestContext.Current.CancellationToken);
        var second = _repository.WithFile("b.txt", "b").Commit();

        Task<string> fetching;
        using (new FileStream(mirror + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            fetching = GitMirror.EnsureAsync(_cache, _repository.Root, second, TestContext.Current.CancellationToken);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.False(fetching.IsCompleted, "a commit the mirror lacks is fetched only under the lock");
        }

        Assert.Equal(mirror, await fetching);
        Assert.Contains(second, _repository.Git("--git-dir", mirror, "rev-list", "--all"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_FetchesEachNewCommit_WhenNobodyElseHoldsTheMirror()
    {
        var mirror = await GitMirror.EnsureAsync(_cache, _repository.Root, _repository.WithFile("a.txt", "a").Commit(), TestContext.Current.CancellationToken);

        foreach (var name in new[] { "b", "c", "d" })
        {
            var commit = _repository.WithFile(name + ".txt", name).Commit();
            Assert.Equal(mirror, await GitMirror.EnsureAsync(_cache, _repository.Root, commit, TestContext.Current.CancellationToken));
            Assert.Contains(commit, _repository.Git("--git-dir", mirror, "rev-list", "--all"), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(mirror, "FETCH_HEAD")), "fetches write no FETCH_HEAD");
    }

    [Fact]
    public async Task Ensure_ManyConcurrentCallers_AllGetTheCommit_FromOneMirror()
    {
        var commit = _repository.WithFile("a.txt", "a").Commit();

        var mirrors = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            GitMirror.EnsureAsync(_cache, _repository.Root, commit, TestContext.Current.CancellationToken)));

        Assert.Single(mirrors.Distinct(StringComparer.Ordinal));
        Assert.Single(Directory.GetDirectories(Path.Combine(_cache, "mirrors")));
    }

    public void Dispose()
    {
        _repository.Dispose();
        try
        {
            Directory.Delete(_cache, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
