using System.Diagnostics;
using System.Text;
using Rampart.Engine.Source;
using Rampart.Engine.Tests.Runs;

namespace Rampart.Engine.Tests.Source;

public sealed class GitObjectReaderTests : IDisposable
{
    private readonly TestRepository _repository = new();

    [Fact]
    public async Task Read_GivesAFileOfACommit_AndNullForWhatIsNotThere()
    {
        var commit = _repository.WithFile("dir/a.txt", "hello\n").Commit();
        var reader = GitObjectReader.For(_repository.Root);

        var file = await reader.ReadAsync($"{commit}:dir/a.txt", TestContext.Current.CancellationToken);
        var folder = await reader.ReadAsync($"{commit}:dir", TestContext.Current.CancellationToken);

        Assert.NotNull(file);
        Assert.Equal("blob", file.Type);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(file.Content.Span));
        Assert.Equal("tree", folder!.Type);
        Assert.Null(await reader.ReadAsync($"{commit}:dir/missing.txt", TestContext.Current.CancellationToken));
        Assert.Null(await reader.ReadAsync(new string('a', 40) + "^{commit}", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_SeesACommitMadeAfterTheReaderStarted()
    {
        var reader = GitObjectReader.For(_repository.Root);
        var first = _repository.WithFile("a.txt", "a").Commit();
        Assert.NotNull(await reader.ReadAsync(first + "^{commit}", TestContext.Current.CancellationToken));

        var second = _repository.WithFile("b.txt", "b").Commit();
        _repository.Git("gc", "--quiet"); // packed, and the loose objects the reader may have seen are gone

        Assert.NotNull(await reader.ReadAsync(second + "^{commit}", TestContext.Current.CancellationToken));
        Assert.Equal("b", Encoding.UTF8.GetString((await reader.ReadAsync($"{second}:b.txt", TestContext.Current.CancellationToken))!.Content.Span));
    }

    [Fact]
    public async Task Read_RefusesAnObjectNameWithALineBreak_ThatWouldSmuggleASecondRequest()
    {
        var commit = _repository.WithFile("a.txt", "a").Commit();

        await Assert.ThrowsAsync<SourceException>(() =>
            GitObjectReader.For(_repository.Root).ReadAsync($"{commit}:a.txt\n{commit}:a.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_StartsGitAgain_WhenItsProcessWasKilled()
    {
        var commit = _repository.WithFile("a.txt", "a").Commit();
        var reader = GitObjectReader.For(_repository.Root);
        Assert.NotNull(await reader.ReadAsync(commit + "^{commit}", TestContext.Current.CancellationToken));

        var killed = CatFileProcessesIn(_repository.Root).ToList();
        Assert.NotEmpty(killed);
        foreach (var process in killed)
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.NotNull(await reader.ReadAsync($"{commit}:a.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_ManyAtOnce_EachGetsItsOwnAnswer()
    {
        for (var i = 0; i < 20; i++)
            _repository.WithFile($"f{i}.txt", $"content {i}");
        var commit = _repository.Commit();
        var reader = GitObjectReader.For(_repository.Root);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => reader.ReadAsync($"{commit}:f{i}.txt", TestContext.Current.CancellationToken)));

        for (var i = 0; i < 20; i++)
            Assert.Equal($"content {i}", Encoding.UTF8.GetString(answers[i]!.Content.Span));
    }

    private static IEnumerable<Process> CatFileProcessesIn(string directory)
    {
        foreach (var process in Process.GetProcessesByName("git"))
        {
            string cwd;
            try
            {
                cwd = new DirectoryInfo($"/proc/{process.Id}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "";
            }
            catch (IOException)
            {
                continue;
            }

            if (cwd == Path.GetFullPath(directory).TrimEnd('/'))
                yield return process;
        }
    }

    public void Dispose() => _repository.Dispose();
}
