using System.Collections.Concurrent;
using Rampart.Core.Service;
using Rampart.Server.Orchestration;

namespace Rampart.Server.Tests.Orchestration;

public sealed class JobSignalsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NotifyQueueChanged_WakesLocalWaiters_AndTellsTheOtherReplicas()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        var waiting = signals.QueueChanged;

        signals.NotifyQueueChanged();

        await waiting.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(replicas.Published.TryTake(out var sent, Patience));
        Assert.Equal(ReplicaSignalKind.QueueChanged, sent.Kind);
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
    public async Task ASignalFromAnotherReplica_WakesWaitersHere_ButIsNotSentOnAgain()
    {
        var replicas = new RecordingReplicas();
        var signals = new JobSignals(replicas);
        var queue = signals.QueueChanged;
        var job = signals.WaitFinishedAsync(9);

        signals.Receive(new ReplicaSignal(ReplicaSignalKind.QueueChanged));
        signals.Receive(new ReplicaSignal(ReplicaSignalKind.JobFinished, 9));

        await queue.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await job.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.False(replicas.Published.TryTake(out _, TimeSpan.FromMilliseconds(200)), "an echo between replicas would never end");
    }

    [Fact]
    public async Task Polls_AreShortUntilTheOtherReplicasAreHeard_AndAReconnectWakesEveryWaiter()
    {
        var signals = new JobSignals(new RecordingReplicas());
        var alone = (signals.ClaimPoll, signals.FinishedPoll);
        var job = signals.WaitFinishedAsync(3);
        var queue = signals.QueueChanged;

        signals.Heard(true);

        Assert.True(signals.ClaimPoll > alone.ClaimPoll && signals.FinishedPoll > alone.FinishedPoll);
        await job.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await queue.WaitAsync(Patience, TestContext.Current.CancellationToken);
        signals.Heard(false);
        Assert.Equal(alone, (signals.ClaimPoll, signals.FinishedPoll));
    }

    [Fact]
    public void WithoutReplicas_NotifyingPublishesNothing_AndPollsStayShort()
    {
        var signals = new JobSignals();
        signals.NotifyQueueChanged();
        signals.NotifyFinished(1);
        Assert.True(signals.ClaimPoll <= TimeSpan.FromMilliseconds(100));
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
