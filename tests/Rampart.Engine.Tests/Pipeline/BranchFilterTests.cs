using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class BranchFilterTests
{
    [Theory]
    [InlineData("main", "main", true)]
    [InlineData("main", "main2", false)]
    [InlineData("main", "mai", false)]
    [InlineData("release/*", "release/1.2", true)]
    [InlineData("release/*", "release/", true)]
    [InlineData("release/*", "release/1.2/hotfix", false)]
    [InlineData("release/*", "release", false)]
    [InlineData("release/**", "release/1.2/hotfix", true)]
    [InlineData("**", "feature/a/b", true)]
    [InlineData("*", "feature/a", false)]
    [InlineData("*", "feature", true)]
    [InlineData("feature/*-fix", "feature/login-fix", true)]
    [InlineData("feature/*-fix", "feature/a/login-fix", false)]
    [InlineData("**/fix", "team/a/fix", true)]
    [InlineData("v?.x", "v1.x", true)]
    [InlineData("v?.x", "v/.x", false)]
    [InlineData("Main", "main", false)]
    [InlineData("a**b", "a/x/b", true)]
    public void Matches_FollowsGlobRules(string glob, string branch, bool expected)
    {
        Assert.Equal(expected, new BranchFilter([glob]).Matches(branch));
    }

    [Fact]
    public void Matches_EveryBranch_WhenListIsEmpty()
    {
        Assert.True(new BranchFilter([]).Matches("anything/at/all"));
    }

    [Fact]
    public void Matches_WhenAnyGlobMatches()
    {
        var filter = new BranchFilter(["main", "release/*"]);

        Assert.True(filter.Matches("release/2"));
        Assert.False(filter.Matches("feature/x"));
    }

    [Fact]
    public void Matches_PathologicalGlob_WithoutBacktracking()
    {
        // A backtracking matcher takes exponential time on this pair; the table matcher does not.
        var glob = string.Concat(Enumerable.Repeat("*a", 40)) + "b";
        var branch = new string('a', 250);

        Assert.False(new BranchFilter([glob]).Matches(branch));
    }
}
