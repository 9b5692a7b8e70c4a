using Rampart.Core.Service;
using Rampart.Server.Access;

namespace Rampart.Server.Tests.Access;

public sealed class CallerTests
{
    [Theory]
    [InlineData(Role.Viewer, "ReadRuns")]
    [InlineData(Role.Developer, "ReadRuns,StartRuns,CancelRuns")]
    [InlineData(Role.Maintainer, "ReadRuns,StartRuns,CancelRuns,ManageRepository,ManageSecrets")]
    [InlineData(Role.Deployer, "ReadRuns,ApproveDeploy")]
    [InlineData(Role.Admin, "ReadRuns,StartRuns,CancelRuns,ManageRepository,ManageSecrets,ApproveDeploy,ManageUsers")]
    public void RoleOnARepository_GrantsExactlyItsPermissionsThere(Role role, string expected)
    {
        var caller = Caller(false, new RoleBinding(1, "acme/app", role));

        var granted = Enum.GetValues<Permission>().Where(p => caller.Can(p, "acme/app")).Select(p => p.ToString());

        Assert.Equal(expected, string.Join(',', granted));
        Assert.DoesNotContain(Enum.GetValues<Permission>(), p => caller.Can(p, "acme/other"));
    }

    [Fact]
    public void ServerWidePermissions_NeedABindingOnEveryRepository()
    {
        var repositoryAdmin = Caller(false, new RoleBinding(1, "acme/app", Role.Admin));
        var everywhereViewer = Caller(false, new RoleBinding(1, RoleBinding.AllRepositories, Role.Viewer));

        Assert.False(repositoryAdmin.Can(Permission.ManageRunners, "acme/app"));
        Assert.False(repositoryAdmin.Can(Permission.ReadLedger, "acme/app"));
        Assert.False(repositoryAdmin.Can(Permission.ManageUsers, null));
        Assert.True(everywhereViewer.Can(Permission.ReadLedger, null));
        Assert.False(everywhereViewer.Can(Permission.ManageRunners, null));
    }

    [Fact]
    public void NullRepository_CountsOnlyStarBindings()
    {
        var developer = Caller(false, new RoleBinding(1, "acme/app", Role.Developer));

        Assert.False(developer.Can(Permission.ReadRuns, null));
        Assert.False(developer.Can(Permission.ReadRuns, RoleBinding.AllRepositories));
    }

    [Fact]
    public void AdminUser_HoldsEveryPermissionEverywhere_WithoutBindings()
    {
        var admin = Caller(true);

        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(admin.Can(p, null) && admin.Can(p, "x/y")));
    }

    private static Caller Caller(bool admin, params RoleBinding[] roles) =>
        new(new UserRecord { Id = 1, Name = "u", IsAdmin = admin }, 1, roles);
}
