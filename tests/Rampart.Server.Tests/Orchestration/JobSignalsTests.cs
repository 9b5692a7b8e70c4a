using System.Collections.Concurrent;
using Rampart.Core.Service;
using Rampart.Server.Orchestration;

namespace Rampart.Server.Tests.Orchestration;

public sealed class JobSignalsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Linux = ["linux"];
    private static readonly string[] Gpu = ["linux", "gpu"];

    [Fact]
    public void NotifyQueued_WakesOneRunnerTheJobFits_TheLongestWaitingFirst()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        using var a = signals.Wait(Linux);
        using var b = signals.Wait(Gpu);
        using var c = signals.Wait(Linux);

        signals.NotifyQueued(["gpu"]);
        Assert.Equal((false, true, false), (a.Owed, b.Owed, c.Owed));
        signals.NotifyQueued(Linux);
        Assert.Equal((true, true, false), (a.Owed, b.Owed, c.Owed));
        signals.NotifyQueued([]);
        Assert.Equal((true, true, true), (a.Owed, b.Owed, c.Owed));
        Assert.False(replicas.Published.TryTake(out _, TimeSpan.FromMilliseconds(200)), "a job a runner here fits is not announced to the other replicas");
    }

    [Fact]
    public void NotifyQueued_NoWaitingRunnerHereFits_TellsTheOtherReplicasItsLabels()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        using var busy = signals.Wait(Gpu);
        signals.NotifyQueued(Gpu);
        using var plain = signals.Wait(Linux);

        signals.NotifyQueued(["arm64"]);
        signals.NotifyQueued(["gpu"]);

        Assert.False(plain.Owed);
        Assert.True(replicas.Published.TryTake(out var first, Patience));
        Assert.True(replicas.Published.TryTake(out var second, Patience));
        Assert.Equal([["arm64"], ["gpu"]], new[] { first, second }.Select(s => s.Labels!.ToArray()).OrderBy(l => l[0], StringComparer.Ordinal));
    }

    [Fact]
    public void ALabelledSignalFromAnotherReplica_WakesOneRunnerHere_AndIsNotSentOnAgain()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        using var a = signals.Wait(Linux);
        using var b = signals.Wait(Linux);

        signals.Receive(new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: Linux));
        Assert.Equal((true, false), (a.Owed, b.Owed));
        signals.Receive(new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: ["windows"]));

        Assert.False(b.Owed);
        Assert.False(replicas.Published.TryTake(out _, TimeSpan.FromMilliseconds(200)), "an echo between replicas would never end");
    }

    [Fact]
    public void JobsPutBack_OrAnUnlabelledSignal_WakeEveryWaitingRunner()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        using var a = signals.Wait(Linux);
        using var b = signals.Wait(Gpu);

        signals.NotifyQueueChanged();
        Assert.Equal((true, true), (a.Owed, b.Owed));
        Assert.True(replicas.Published.TryTake(out var sent, Patience));
        Assert.Equal(new ReplicaSignal(ReplicaSignalKind.QueueChanged), sent);

        a.Looking();
        b.Looking();
        signals.Receive(new ReplicaSignal(ReplicaSignalKind.QueueChanged));
        Assert.Equal((true, true), (a.Owed, b.Owed));
    }

    [Fact]
    public void ARunnerWokenThatLeavesBeforeLooking_HandsTheWakeUpToAnother()
    {
        var signals = new JobSignals(new RecordingReplicas());
        var a = signals.Wait(Linux);
        using var b = signals.Wait(Gpu);
        signals.NotifyQueued(Linux);
        Assert.True(a.Owed);

        a.Dispose();

        Assert.True(b.Owed);
    }

    [Fact]
    public void ARunnerWhoseLookFailed_HandsTheWakeUpOn()
    {
        var signals = new JobSignals(new RecordingReplicas());
        var a = signals.Wait(Linux);
        using var b = signals.Wait(Linux);
        signals.NotifyQueued(Linux);
        a.Looking();

        a.Dispose(); // the claim threw: Looked never came

        Assert.True(b.Owed);
    }

    [Fact]
    public void ALookThatClaimedAJobOfOtherLabels_HandsTheWakeUpOn_OneOfTheSameLabelsDoesNot()
    {
        var signals = new JobSignals(new RecordingReplicas());
        using var a = signals.Wait(Gpu);
        using var b = signals.Wait(Linux);
        signals.NotifyQueued(Linux);
        Assert.Equal((true, false), (a.Owed, b.Owed));

        a.Looking();
        a.Looked(["gpu"]);
        Assert.True(b.Owed, "the linux job a was woken for may still be queued");

        b.Looking();
        b.Looked(["linux"]);
        a.Looking();
        a.Looked(null);
        Assert.Equal((false, false), (a.Owed, b.Owed));
    }

    [Fact]
    public async Task AJobQueuedWhileARunnerLooks_WakesItAgain_SoItsNextWaitReturnsAtOnce()
    {
        var signals = new JobSignals(new RecordingReplicas());
        using var a = signals.Wait(Linux);
        a.Looking();
        signals.NotifyQueued(Linux); // queued after the claim's query read the table
        a.Looked(null);

        await a.WaitAsync(Patience, TimeProvider.System, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(a.Owed);
    }

    [Fact]
    public async Task ManyRunnersAndJobs_EveryJobIsTakenThroughWakeUpsAlone()
    {
        // Runners that each take one job and never come back, so no later look can make up for a lost
        // wake-up; a queue that claims like the database (oldest fitting job first, whatever the
        // wake-up was for); waits far longer than the test. A single lost wake-up strands a job.
        var signals = new JobSignals(new RecordingReplicas());
        var queue = new FakeQueue();
        // Just enough runners of each kind (a job without labels fits either), so most wake-ups land
        // on runners that are woken already or in the middle of a look.
        const int PerKind = 200, Unlabelled = 20, Jobs = 2 * PerKind + Unlabelled;
        string[] arm = ["arm"];
        using var done = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runners = Enumerable.Range(0, 2 * (PerKind + Unlabelled))
            .Select(i => Task.Run(() => OneJobRunnerAsync(signals, queue, i % 2 == 0 ? Linux : arm, done.Token))).ToArray();
        while (signals.WaitingRunners < runners.Length)
            await Task.Delay(10, TestContext.Current.CancellationToken);

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = p; i < Jobs; i += 4)
            {
                var labels = i < 2 * PerKind ? (i % 2 == 0 ? Linux : arm) : [];
                queue.Add(labels);
                signals.NotifyQueued(labels);
                if (i % 16 == p)
                    await Task.Yield();
            }
        })).ToArray();
        await Task.WhenAll(producers);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (queue.Taken < Jobs && DateTime.UtcNow < deadline)
            await Task.Delay(10, TestContext.Current.CancellationToken);

        Assert.Equal(Jobs, queue.Taken);
        await done.CancelAsync();
        await Task.WhenAll(runners.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static async Task OneJobRunnerAsync(JobSignals signals, FakeQueue queue, string[] labels, CancellationToken cancellationToken)
    {
        using var waiting = signals.Wait(labels);
        while (true)
        {
            waiting.Looking();
            // A look takes a while, as a query does: wake-ups keep arriving during it.
            await Task.Delay(Random.Shared.Next(3), cancellationToken);
            var claimed = queue.TryClaim(labels);
            waiting.Looked(claimed);
            if (claimed is not null)
                return;
            await waiting.WaitAsync(TimeSpan.FromHours(1), TimeProvider.System, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    [Fact]
    public async Task NotifyFinished_WakesTheRunWaitingForThatJob_AndTellsTheOtherReplicas()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        var waiting = signals.WaitFinishedAsync(5);
        var other = signals.WaitFinishedAsync(6);

        signals.NotifyFinished(5);

        await waiting.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.False(other.IsCompleted);
        Assert.True(replicas.Published.TryTake(out var sent, Patience));
        Assert.Equal(new ReplicaSignal(ReplicaSignalKind.JobFinished, 5), sent);
    }

    [Fact]
    public async Task Polls_AreShortUntilTheOtherReplicasAreHeard_AndAReconnectWakesEveryWaiter()
    {
        var signals = new JobSignals(new RecordingReplicas());
        var alone = (signals.ClaimPoll, signals.FinishedPoll);
        var job = signals.WaitFinishedAsync(3);
        using var runner = signals.Wait(Linux);

        signals.Heard(true);

        Assert.True(signals.ClaimPoll > alone.ClaimPoll && signals.FinishedPoll > alone.FinishedPoll);
        await job.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(runner.Owed);
        signals.Heard(false);
        Assert.Equal(alone, (signals.ClaimPoll, signals.FinishedPoll));
    }

    [Fact]
    public void WithoutReplicas_NotifyingPublishesNothing_AndPollsStayShort()
    {
        var signals = new JobSignals();
        signals.NotifyQueued(Linux);
        signals.NotifyQueueChanged();
        signals.NotifyFinished(1);
        Assert.True(signals.ClaimPoll <= TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, signals.WaitingRunners);
    }

    private sealed class FakeQueue
    {
        private readonly Lock _lock = new();
        private readonly List<string[]> _jobs = [];
        private int _taken;

        public int Taken => Volatile.Read(ref _taken);

        public void Add(string[] labels)
        {
            lock (_lock)
                _jobs.Add(labels);
        }

        public string[]? TryClaim(string[] runner)
        {
            lock (_lock)
            {
                var index = _jobs.FindIndex(job => job.All(runner.Contains));
                if (index < 0)
                    return null;
                var job = _jobs[index];
                _jobs.RemoveAt(index);
                _taken++;
                return job;
            }
        }
    }

    private sealed class RecordingReplicas : IReplicaSignals
    {
        public BlockingCollection<ReplicaSignal> Published { get; } = [];

        public Task PublishAsync(ReplicaSignal signal, CancellationToken cancellationToken)
        {
            Published.Add(signal, cancellationToken);
            return Task.CompletedTask;
        }

        public Task ListenAsync(Action<ReplicaSignal> onSignal, Action<bool> onConnected, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
