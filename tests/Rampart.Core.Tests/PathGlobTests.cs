using Rampart.Core.Text;

namespace Rampart.Core.Tests;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("acme/*", "acme/app", true)]
    [InlineData("acme/*", "acme/app/sub", false)]
    [InlineData("acme/**", "acme/app/sub", true)]
    [InlineData("release/v?", "release/v1", true)]
    [InlineData("release/v?", "release/v10", false)]
    [InlineData("main", "main2", false)]
    [InlineData("*", "", true)]
    [InlineData("a?c", "a/c", false)]
    public void IsMatch_FollowsSegmentRules(string glob, string text, bool expected) =>
        Assert.Equal(expected, PathGlob.IsMatch(glob, text));

    [Fact]
    public void IsMatch_PathologicalPattern_FinishesAndFails() =>
        Assert.False(PathGlob.IsMatch(string.Concat(Enumerable.Repeat("*a", 100)) + "b", new string('a', 256)));
}
