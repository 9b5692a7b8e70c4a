using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>One-time registration tokens and registered runners.</summary>
public abstract class RunnerContract : StoreContract
{
    [Fact]
    public async Task RegistrationToken_WorksOnce_AndNotAfterItExpired()
    {
        await Db.Runners.AddRegistrationTokenAsync(new RegistrationTokenRecord { Hash = "once", CreatedAt = T0, ExpiresAt = T0.AddHours(1) }, Ct);
        await Db.Runners.AddRegistrationTokenAsync(new RegistrationTokenRecord { Hash = "late", CreatedAt = T0, ExpiresAt = T0.AddHours(1) }, Ct);

        Assert.True(await Db.Runners.ConsumeRegistrationTokenAsync("once", T0.AddMinutes(1), Ct));
        Assert.False(await Db.Runners.ConsumeRegistrationTokenAsync("once", T0.AddMinutes(2), Ct));
        Assert.False(await Db.Runners.ConsumeRegistrationTokenAsync("late", T0.AddHours(1), Ct));
        Assert.False(await Db.Runners.ConsumeRegistrationTokenAsync("unknown", T0, Ct));
    }

    [Fact]
    public async Task Runner_FoundByCredentialHash_UntilRemoved()
    {
        var runner = await Db.Runners.AddRunnerAsync(new RunnerRecord
        {
            Name = "build-2", Labels = ["linux", "x64"], CredentialHash = "cred-2", Ephemeral = true, RegisteredAt = T0,
        }, Ct);
        await Db.Runners.AddRunnerAsync(new RunnerRecord { Name = "build-1", CredentialHash = "cred-1", RegisteredAt = T0 }, Ct);
        await Db.Runners.TouchRunnerAsync(runner.Id, T0.AddMinutes(1), Ct);

        var found = await Db.Runners.FindRunnerAsync("cred-2", Ct);
        Assert.NotNull(found);
        Assert.Equal((runner.Id, "build-2", true, T0.AddMinutes(1)), (found.Id, found.Name, found.Ephemeral, found.LastSeenAt));
        Assert.Equal(["linux", "x64"], found.Labels);
        Assert.Equal(["build-1", "build-2"], (await Db.Runners.ListRunnersAsync(Ct)).Select(r => r.Name));

        Assert.True(await Db.Runners.RemoveRunnerAsync(runner.Id, Ct));
        Assert.False(await Db.Runners.RemoveRunnerAsync(runner.Id + 100, Ct));
        Assert.Null(await Db.Runners.FindRunnerAsync("cred-2", Ct));
        Assert.True((await Db.Runners.GetRunnerAsync(runner.Id, Ct))?.Removed);
        Assert.Equal(["build-1"], (await Db.Runners.ListRunnersAsync(Ct)).Select(r => r.Name));
    }
}
