using Rampart.Server.Access;

namespace Rampart.Server.Tests.Access;

public sealed class AccessBootstrapTests
{
    [Fact]
    public async Task EnsureAdmin_OnEmptyStore_CreatesAdminWithAWorkingToken_ThenNeverAgain()
    {
        var store = new InMemoryAccessStore();
        var audit = new RecordingAuditTrail();
        var time = new ManualTime();

        var token = await AccessBootstrap.EnsureAdminAsync(store, audit, "root", time, TestContext.Current.CancellationToken);
        var again = await AccessBootstrap.EnsureAdminAsync(store, audit, "other", time, TestContext.Current.CancellationToken);

        Assert.True(ApiTokens.IsWellFormed(token));
        Assert.Null(again);
        var users = await store.ListUsersAsync(TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(users).IsAdmin);
        var stored = await store.FindTokenAsync(ApiTokens.HashOf(token!), TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Null(stored.ExpiresAt);
        Assert.Equal(["user.created", "token.created"], audit.Events.Select(e => e.Details["action"]));
        Assert.All(audit.Events, e => Assert.Equal(AccessBootstrap.Actor, e.Actor));
    }

    [Fact]
    public async Task EnsureAdmin_InvalidName_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            AccessBootstrap.EnsureAdminAsync(new InMemoryAccessStore(), new RecordingAuditTrail(), "bad name", TimeProvider.System, TestContext.Current.CancellationToken));
    }
}
