using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.Deployments;

namespace Rampart.Server.Tests.Deployments;

public sealed class DeployRulesTests
{
    private static readonly DeploymentRecord Deployment = new()
    {
        Id = 1, Repository = "acme/app", Environment = "production", RunId = 12, Job = "deploy", Commit = "0123456789abcdef0123456789abcdef01234567",
        Ref = "refs/heads/main", Actor = "user/carol", Author = "Dana Smith <dsmith@corp.example>",
    };

    private static Caller CallerOf(string name, bool admin = false, params RoleBinding[] roles) =>
        new(new UserRecord { Id = 5, Name = name, IsAdmin = admin }, 1, roles);

    [Theory]
    [InlineData("carol", "triggered run 12")]
    [InlineData("CAROL", "triggered run 12")]
    [InlineData("Dana Smith", "authored commit 0123456789ab")]
    [InlineData("dsmith", "authored commit 0123456789ab")]
    [InlineData("dsmith@corp.example", "authored commit 0123456789ab")]
    public void SelfApproval_IsRefused_ForTheTriggerAndTheAuthor(string user, string why)
    {
        Assert.Contains(why, DeployRules.SelfApproval(user, Deployment), StringComparison.Ordinal);
    }

    [Fact]
    public void SelfApproval_OtherPeople_AndAWebhookActor_AreComparedByName()
    {
        Assert.Null(DeployRules.SelfApproval("erin", Deployment));
        Assert.Null(DeployRules.SelfApproval("user", Deployment));
        Assert.NotNull(DeployRules.SelfApproval("octocat", Deployment with { Actor = "octocat" }));
        Assert.Null(DeployRules.SelfApproval("erin", Deployment with { Actor = null, Author = null }));
    }

    [Theory]
    [InlineData("refs/heads/main", true)]
    [InlineData("refs/heads/release/1.2", true)]
    [InlineData("refs/heads/release/1.2/hotfix", false)]
    [InlineData("refs/heads/feature/main", false)]
    [InlineData("refs/tags/main", false)]
    [InlineData("refs/pull/4/head", false)]
    public void BranchRefusal_FollowsTheGlobs_AndTagsNeverMatch(string gitRef, bool allowed)
    {
        var environment = new EnvironmentRecord { Name = "production", Branches = ["main", "release/*"] };

        Assert.Equal(allowed, DeployRules.BranchRefusal(environment, gitRef) is null);
        Assert.Null(DeployRules.BranchRefusal(environment with { Branches = [] }, gitRef));
    }

    [Fact]
    public void NotAnApprover_NamedUsersOrTheRoleOnThatRepository()
    {
        var environment = new EnvironmentRecord { Name = "production", Approvers = ["alice"], ApproverRole = Role.Deployer };

        Assert.Null(DeployRules.NotAnApprover(CallerOf("alice"), environment, "acme/app"));
        Assert.Null(DeployRules.NotAnApprover(CallerOf("bob", roles: new RoleBinding(5, "acme/app", Role.Deployer)), environment, "acme/app"));
        Assert.Null(DeployRules.NotAnApprover(CallerOf("bob", roles: new RoleBinding(5, "*", Role.Deployer)), environment, "acme/app"));
        Assert.Null(DeployRules.NotAnApprover(CallerOf("root", admin: true), environment, "acme/app"));
        Assert.NotNull(DeployRules.NotAnApprover(CallerOf("bob", roles: new RoleBinding(5, "acme/other", Role.Deployer)), environment, "acme/app"));
        Assert.NotNull(DeployRules.NotAnApprover(CallerOf("bob", roles: new RoleBinding(5, "acme/app", Role.Maintainer)), environment, "acme/app"));
        Assert.NotNull(DeployRules.NotAnApprover(CallerOf("root", admin: true), environment with { ApproverRole = null }, "acme/app"));
    }

    [Fact]
    public void Tally_CountsEachPersonOnce_AndReportsTheFirstRejection()
    {
        ApprovalRecord Decision(string user, bool approved) => new() { RunId = 1, Environment = "production", User = user, Approved = approved };

        Assert.Equal((1, (ApprovalRecord?)null), DeployRules.Tally([Decision("alice", true), Decision("alice", true)]));
        var (approvals, rejection) = DeployRules.Tally([Decision("alice", true), Decision("bob", false), Decision("erin", true)]);
        Assert.Equal(2, approvals);
        Assert.Equal("bob", rejection!.User);
    }

    [Theory]
    [InlineData("Production", "name:")]
    [InlineData("prod/1", "name:")]
    public void Validation_RefusesBadNames(string name, string error)
    {
        var (record, message) = EnvironmentValidation.Build(1, name, Settings(), new HashSet<string>(), DateTimeOffset.UnixEpoch, "admin");

        Assert.Null(record);
        Assert.StartsWith(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_RefusesUnknownApprovers_ImpossibleCounts_AndGitOpsEscapes()
    {
        var users = new HashSet<string> { "alice", "bob" };
        string? Error(EnvironmentSettings settings) => EnvironmentValidation.Build(1, "production", settings, users, DateTimeOffset.UnixEpoch, "admin").Error;

        Assert.Equal("approvers: no user 'mallory'", Error(Settings() with { Approvers = ["alice", "mallory"] }));
        Assert.Equal("requiredApprovals: 3, but only 2 approver(s) are listed", Error(Settings() with { Approvers = ["alice", "bob"], RequiredApprovals = 3 }));
        Assert.Null(Error(Settings() with { ApproverRole = "deployer", RequiredApprovals = 3 }));
        Assert.StartsWith("approverRole:", Error(Settings() with { ApproverRole = "1" }), StringComparison.Ordinal);
        Assert.StartsWith("waitTimerSeconds:", Error(Settings() with { WaitTimerSeconds = -1 }), StringComparison.Ordinal);
        Assert.StartsWith("gitOps.directory:", Error(Settings() with { GitOps = new GitOpsTarget("/srv/gitops.git", "main", "../outside", "*.yaml") }), StringComparison.Ordinal);
        Assert.StartsWith("gitOps.directory:", Error(Settings() with { GitOps = new GitOpsTarget("/srv/gitops.git", "main", "apps/.git/hooks", "*.yaml") }), StringComparison.Ordinal);
        Assert.StartsWith("gitOps.branch:", Error(Settings() with { GitOps = new GitOpsTarget("/srv/gitops.git", "--upload-pack=x", "apps", "*.yaml") }), StringComparison.Ordinal);
        Assert.StartsWith("gitOps.repository:", Error(Settings() with { GitOps = new GitOpsTarget("-uevil", "main", "apps", "*.yaml") }), StringComparison.Ordinal);
        var stored = EnvironmentValidation.Build(1, "production", Settings() with { Approvers = ["alice", "alice"] }, users, DateTimeOffset.UnixEpoch, "admin").Record!;
        Assert.Equal(["alice"], stored.Approvers);
        Assert.Equal((1, true, true), (stored.RequiredApprovals, stored.PreventSelfApproval, stored.SupersedeQueued));
    }

    private static EnvironmentSettings Settings() => new(null, null, null, null, null, null, null, null);
}
