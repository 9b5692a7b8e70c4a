using System.Collections.Concurrent;
using Rampart.Core.Service;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Store.Postgres.Tests.Postgres;

/// <summary>Wake-ups between two replicas through LISTEN/NOTIFY, and a listener that loses its connection.</summary>
public sealed class ReplicaSignalsOnPostgres : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private IStoreBackend _backend = null!;

    public async ValueTask InitializeAsync() => _backend = await PostgresBackend.CreateAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task AReplica_HearsTheOthersSignals_AndNotItsOwn()
    {
        var a = await _backend.OpenAsync(TestContext.Current.CancellationToken);
        var b = await _backend.OpenAsync(TestContext.Current.CancellationToken);
        var heard = new BlockingCollection<ReplicaSignal>();
        var connected = new TaskCompletionSource();
        var listening = a.Replicas!.ListenAsync(heard.Add, up => { if (up) connected.TrySetResult(); }, _stop.Token);
        await connected.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        await a.Replicas.PublishAsync(new ReplicaSignal(ReplicaSignalKind.QueueChanged), TestContext.Current.CancellationToken);
        await b.Replicas!.PublishAsync(new ReplicaSignal(ReplicaSignalKind.JobFinished, 42), TestContext.Current.CancellationToken);
        await b.Replicas.PublishAsync(new ReplicaSignal(ReplicaSignalKind.QueueChanged), TestContext.Current.CancellationToken);
        await b.Replicas.PublishAsync(new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: ["linux", "gpu \"a100\" x"]), TestContext.Current.CancellationToken);
        await b.Replicas.PublishAsync(new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: []), TestContext.Current.CancellationToken);

        Assert.True(heard.TryTake(out var first, Patience));
        Assert.True(heard.TryTake(out var second, Patience));
        Assert.True(heard.TryTake(out var labelled, Patience));
        Assert.True(heard.TryTake(out var anyRunner, Patience));
        Assert.Equal(new ReplicaSignal(ReplicaSignalKind.JobFinished, 42), first);
        Assert.Equal(new ReplicaSignal(ReplicaSignalKind.QueueChanged), second);
        Assert.Equal(["linux", "gpu \"a100\" x"], labelled.Labels);
        Assert.Equal([], anyRunner.Labels);
        Assert.Empty(heard);
        await _stop.CancelAsync();
        await listening;
    }

    [Fact]
    public async Task AListener_WhoseConnectionIsKilled_SaysSo_ReconnectsAndHearsAgain()
    {
        var a = await _backend.OpenAsync(TestContext.Current.CancellationToken);
        var b = await _backend.OpenAsync(TestContext.Current.CancellationToken);
        var heard = new BlockingCollection<ReplicaSignal>();
        var states = new BlockingCollection<bool>();
        var listening = a.Replicas!.ListenAsync(heard.Add, states.Add, _stop.Token);
        Assert.True(states.TryTake(out var up, Patience) && up);

        await _backend.ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%';",
            TestContext.Current.CancellationToken);

        Assert.True(states.TryTake(out var down, Patience));
        Assert.False(down);
        Assert.True(states.TryTake(out var again, Patience) && again);
        await b.Replicas!.PublishAsync(new ReplicaSignal(ReplicaSignalKind.JobFinished, 7), TestContext.Current.CancellationToken);
        Assert.True(heard.TryTake(out var signal, Patience));
        Assert.Equal(7, signal.JobId);
        await _stop.CancelAsync();
        await listening;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        await _backend.DisposeAsync();
    }
}
