using Rampart.Core.Service;

namespace Rampart.Store.Postgres.Tests.Contracts;

/// <summary>Users, hashed tokens, roles, repositories and webhook deliveries.</summary>
public abstract class AccessContract : StoreContract
{
    private static UserRecord User(string name) => new() { Name = name, CreatedAt = T0 };

    private static ApiTokenRecord Token(long userId, string hash) => new()
    {
        UserId = userId, Name = "ci", Hash = hash, Prefix = hash[..4], CreatedAt = T0, ExpiresAt = T0.AddDays(30),
    };

    [Fact]
    public async Task CreateUser_WithATakenName_Conflicts()
    {
        var alice = await Db.Access.CreateUserAsync(User("alice") with { IsAdmin = true, PasswordHash = "$argon2id$v=19$x" }, Ct);

        await Assert.ThrowsAsync<ServiceStoreConflictException>(() => Db.Access.CreateUserAsync(User("alice"), Ct));
        Assert.True(alice.Id > 0);
        Assert.Equal(alice, await Db.Access.FindUserAsync("alice", Ct));
        Assert.Equal(alice, await Db.Access.GetUserAsync(alice.Id, Ct));
        Assert.Null(await Db.Access.FindUserAsync("ALICE", Ct));
    }

    [Fact]
    public async Task UpdateUser_ReplacesFlagsAndPassword_NotTheName()
    {
        var bob = await Db.Access.CreateUserAsync(User("bob") with { PasswordHash = "old" }, Ct);
        await Db.Access.CreateUserAsync(User("alice"), Ct);

        await Db.Access.UpdateUserAsync(bob with { Name = "mallory", IsAdmin = true, PasswordHash = null, Disabled = true }, Ct);

        Assert.Equal(bob with { IsAdmin = true, PasswordHash = null, Disabled = true }, await Db.Access.GetUserAsync(bob.Id, Ct));
        Assert.Equal(["alice", "bob"], (await Db.Access.ListUsersAsync(Ct)).Select(u => u.Name));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Db.Access.UpdateUserAsync(bob with { Id = bob.Id + 50 }, Ct));
    }

    [Fact]
    public async Task FindToken_ByHash_ReturnsIt_RevokedOrNot()
    {
        var alice = await Db.Access.CreateUserAsync(User("alice"), Ct);
        var bob = await Db.Access.CreateUserAsync(User("bob"), Ct);
        var token = await Db.Access.AddTokenAsync(Token(alice.Id, "aaaa1111"), Ct);
        await Db.Access.AddTokenAsync(Token(bob.Id, "bbbb2222"), Ct);

        Assert.Equal(token, await Db.Access.FindTokenAsync("aaaa1111", Ct));
        Assert.Null(await Db.Access.FindTokenAsync("aaaa111", Ct));
        Assert.False(await Db.Access.RevokeTokenAsync(bob.Id, token.Id, Ct));
        Assert.True(await Db.Access.RevokeTokenAsync(alice.Id, token.Id, Ct));
        await Db.Access.TouchTokenAsync(token.Id, T0.AddHours(2), Ct);

        Assert.Equal(token with { Revoked = true, LastUsedAt = T0.AddHours(2) }, await Db.Access.FindTokenAsync("aaaa1111", Ct));
        Assert.Equal([token.Id], (await Db.Access.ListTokensAsync(alice.Id, Ct)).Select(t => t.Id));
    }

    [Fact]
    public async Task SetRole_ReplacesTheRoleOnThatRepository_Only()
    {
        var carol = await Db.Access.CreateUserAsync(User("carol"), Ct);

        await Db.Access.SetRoleAsync(new RoleBinding(carol.Id, "acme/app", Role.Developer), Ct);
        await Db.Access.SetRoleAsync(new RoleBinding(carol.Id, RoleBinding.AllRepositories, Role.Viewer), Ct);
        await Db.Access.SetRoleAsync(new RoleBinding(carol.Id, "acme/app", Role.Deployer), Ct);

        Assert.Equal(
            [new RoleBinding(carol.Id, "*", Role.Viewer), new RoleBinding(carol.Id, "acme/app", Role.Deployer)],
            await Db.Access.ListRolesAsync(carol.Id, Ct));
        Assert.True(await Db.Access.RemoveRoleAsync(carol.Id, "acme/app", Ct));
        Assert.False(await Db.Access.RemoveRoleAsync(carol.Id, "acme/app", Ct));
        Assert.Equal([new RoleBinding(carol.Id, "*", Role.Viewer)], await Db.Access.ListRolesAsync(carol.Id, Ct));
    }

    [Fact]
    public async Task Repositories_NamesAreUnique_UpdateKeepsTheName()
    {
        var app = await Db.Repositories.AddRepositoryAsync(new RepositoryRecord
        {
            Name = "acme/app", CloneUrl = "https://git.example/acme/app.git", ProtectedBranches = ["main", "release/*"], CreatedAt = T0,
        }, Ct);
        await Db.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/api", CloneUrl = "/srv/git/api", CreatedAt = T0 }, Ct);

        await Assert.ThrowsAsync<ServiceStoreConflictException>(() =>
            Db.Repositories.AddRepositoryAsync(new RepositoryRecord { Name = "acme/app", CloneUrl = "/elsewhere" }, Ct));
        var updated = app with { CloneUrl = "/srv/git/app", DefaultBranch = "trunk", ProtectedBranches = ["trunk"], PollSeconds = 60 };
        await Db.Repositories.UpdateRepositoryAsync(updated with { Name = "renamed" }, Ct);

        var read = await Db.Repositories.GetRepositoryAsync(app.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(("acme/app", "/srv/git/app", "trunk", 60, T0), (read.Name, read.CloneUrl, read.DefaultBranch, read.PollSeconds, read.CreatedAt));
        Assert.Equal(["trunk"], read.ProtectedBranches);
        Assert.Equal(app.Id, (await Db.Repositories.FindRepositoryAsync("acme/app", Ct))?.Id);
        Assert.Equal(["acme/api", "acme/app"], (await Db.Repositories.ListRepositoriesAsync(Ct)).Select(r => r.Name));
    }

    [Fact]
    public async Task Delivery_Replayed_IsRefused_AndForgottenAfterPruning()
    {
        Assert.True(await Db.Deliveries.TryRecordDeliveryAsync("github", "d-1", T0, Ct));
        Assert.False(await Db.Deliveries.TryRecordDeliveryAsync("github", "d-1", T0.AddSeconds(5), Ct));
        Assert.True(await Db.Deliveries.TryRecordDeliveryAsync("gitlab", "d-1", T0, Ct));
        Assert.True(await Db.Deliveries.TryRecordDeliveryAsync("github", "d-2", T0.AddDays(2), Ct));

        Assert.Equal(2, await Db.Deliveries.PruneDeliveriesAsync(T0.AddDays(1), Ct));
        Assert.True(await Db.Deliveries.TryRecordDeliveryAsync("github", "d-1", T0.AddDays(3), Ct));
        Assert.False(await Db.Deliveries.TryRecordDeliveryAsync("github", "d-2", T0.AddDays(3), Ct));
    }
}
