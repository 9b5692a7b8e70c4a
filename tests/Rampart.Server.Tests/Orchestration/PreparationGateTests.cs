using Rampart.Server.Orchestration;

namespace Rampart.Server.Tests.Orchestration;

public sealed class PreparationGateTests
{
    [Fact]
    public async Task Enter_LetsWaitingRunsIn_InTheOrderTheyCame()
    {
        var gate = new PreparationGate(1);
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Leave();
        var secondPlace = await second;
        Assert.False(third.IsCompleted, "one place given back lets one run in");

        secondPlace.Dispose();
        (await third).Dispose();
    }

    [Fact]
    public async Task Leave_Twice_GivesThePlaceBackOnce()
    {
        var gate = new PreparationGate(1);
        var place = await gate.EnterAsync(CancellationToken.None);
        place.Leave();
        place.Dispose();

        var next = await gate.EnterAsync(CancellationToken.None);
        var after = gate.EnterAsync(CancellationToken.None);

        Assert.False(after.IsCompleted, "a place left twice must not count as two places");
        next.Leave();
        (await after).Leave();
    }

    [Fact]
    public async Task Enter_CancelledWhileWaiting_TakesNoPlace()
    {
        var gate = new PreparationGate(1);
        var held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Leave();

        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully, "the cancelled waiter's turn went to the next run");
    }

    [Fact]
    public async Task TryEnter_TakesOnlyAFreePlace_AndNeverJumpsTheQueue()
    {
        var gate = new PreparationGate(1);
        Assert.True(gate.TryEnter(out var taken));
        Assert.False(gate.TryEnter(out _), "no place is free while the only one is held");
        var waiting = gate.EnterAsync(CancellationToken.None);

        taken.Leave();
        Assert.False(gate.TryEnter(out _), "the place given back belongs to the run that waited for it");
        (await waiting).Leave();

        Assert.True(gate.TryEnter(out var again));
        again.Leave();
    }
}
