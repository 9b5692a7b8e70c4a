using Microsoft.Extensions.Logging.Abstractions;
using Rampart.Core.Service;
using Rampart.Server.Tests.Fakes;
using Rampart.Server.Triggers;

namespace Rampart.Server.Tests.Triggers;

public sealed class RepositoryPollerTests : IDisposable
{
    private readonly SigningRepository _upstream = new();
    private readonly string _state = Directory.CreateTempSubdirectory("rampart-poll-state-").FullName;
    private readonly InMemoryRepositoryStore _repositories = new();
    private readonly RecordingTriggerSink _sink = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private RepositoryRecord Record => new() { Name = "acme/app", CloneUrl = _upstream.Path, PollSeconds = 1 };

    [Fact]
    public async Task FirstPoll_RecordsTheHeads_WithoutTriggering()
    {
        _upstream.CommitUnsigned("one");
        using var poller = NewPoller();

        var started = await poller.PollAsync(Record, Token);

        Assert.Empty(started);
        Assert.True(File.Exists(Path.Combine(_state, RepositoryPoller.StateFileName)));
    }

    [Fact]
    public async Task MovedAndNewBranches_TriggerTrustedPollRunsOfTheirHeads()
    {
        _upstream.CommitUnsigned("one");
        using var poller = NewPoller();
        await poller.PollAsync(Record, Token);
        var main = _upstream.CommitUnsigned("two");
        _upstream.Git("branch", "feature");

        var started = await poller.PollAsync(Record, Token);

        Assert.Equal(
            [new TriggerRequest("acme/app", main, "refs/heads/feature", "poll", true, null, null), new TriggerRequest("acme/app", main, "refs/heads/main", "poll", true, null, null)],
            started);
        Assert.Equal(started, _sink.Requests);
    }

    [Fact]
    public async Task UnchangedHeads_AndDeletedBranches_TriggerNothing()
    {
        _upstream.CommitUnsigned("one");
        _upstream.Git("branch", "old");
        using var poller = NewPoller();
        await poller.PollAsync(Record, Token);
        _upstream.Git("branch", "-D", "old");

        Assert.Empty(await poller.PollAsync(Record, Token));
        Assert.Empty(await poller.PollAsync(Record, Token));
        Assert.Empty(_sink.Requests);
    }

    [Fact]
    public async Task Restart_DoesNotTriggerHeadsAlreadySeen_ButTriggersHeadsThatMovedWhileDown()
    {
        _upstream.CommitUnsigned("one");
        _upstream.Git("branch", "stable");
        using (var before = NewPoller())
            await before.PollAsync(Record, Token);
        var moved = _upstream.CommitUnsigned("two while the server was down");
        using var after = NewPoller();

        var started = await after.PollAsync(Record, Token);

        var request = Assert.Single(started);
        Assert.Equal(("refs/heads/main", moved), (request.Ref, request.Commit));
    }

    [Fact]
    public async Task HeadTheSinkCouldNotStart_IsTriedAgainAtTheNextPoll()
    {
        _upstream.CommitUnsigned("one");
        using var poller = new RepositoryPoller(_repositories, new FailingOnceSink(_sink), _state, TimeProvider.System, NullLogger<RepositoryPoller>.Instance);
        await poller.PollAsync(Record, Token);
        var head = _upstream.CommitUnsigned("two");

        var first = await poller.PollAsync(Record, Token);
        var second = await poller.PollAsync(Record, Token);

        Assert.Empty(first);
        Assert.Equal(head, Assert.Single(second).Commit);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/rampart-pwned")]
    [InlineData("ext::sh -c touch% /tmp/rampart-pwned")]
    [InlineData("/nonexistent/repository")]
    public async Task UnusableCloneUrl_FailsWithOneLine_AndRunsNothing(string url)
    {
        using var poller = NewPoller();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => poller.PollAsync(Record with { CloneUrl = url }, Token));

        Assert.StartsWith("git ls-remote failed: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists("/tmp/rampart-pwned"));
    }

    [Fact]
    public async Task RunningService_PollsRegisteredRepositories_AndTriggersOnANewCommit()
    {
        _upstream.CommitUnsigned("one");
        await _repositories.AddRepositoryAsync(Record, Token);
        await _repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/not-polled", CloneUrl = "/nonexistent", PollSeconds = 0 }, Token);
        using var poller = NewPoller();
        await poller.StartAsync(Token);
        await WaitForAsync(() => File.Exists(Path.Combine(_state, RepositoryPoller.StateFileName)));

        var head = _upstream.CommitUnsigned("two");
        await WaitForAsync(() => _sink.Requests.Count > 0);
        await poller.StopAsync(Token);

        Assert.Equal(head, Assert.Single(_sink.Requests).Commit);
    }

    public void Dispose()
    {
        _upstream.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // A generous bound that only stops a broken poller from hanging the run; not a timing claim.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
            await Task.Delay(50, limit.Token);
    }

    private RepositoryPoller NewPoller() => new(_repositories, _sink, _state, TimeProvider.System, NullLogger<RepositoryPoller>.Instance);

    private sealed class FailingOnceSink(ITriggerSink inner) : ITriggerSink
    {
        private int _calls;

        public Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("database is locked") : inner.TriggerAsync(request, cancellationToken);
    }
}
