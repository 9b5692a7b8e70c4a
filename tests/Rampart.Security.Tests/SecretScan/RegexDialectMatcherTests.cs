using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

public sealed class RegexDialectMatcherTests
{
    [Fact]
    public void CompileMatcherLazily_UsesTheInterpreterWithATimeout_OnlyForTheBuiltInPacksPathAndAllowlistPatterns()
    {
        var builtInPath = BuiltInRules.Config.Allowlists.SelectMany(a => a.Paths).First();
        var trusted = RegexDialect.CompileMatcherLazily(builtInPath, "test").Value;
        Assert.False(trusted.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.NotEqual(Regex.InfiniteMatchTimeout, trusted.MatchTimeout);
        Assert.Matches(trusted, "web/package-lock.json");

        // A pattern from a user's config stays on the linear engine.
        var user = RegexDialect.CompileMatcherLazily(@"(?:^|/)fixtures/(?:[a-z]+/)*secrets\.txt$", "test").Value;
        Assert.True(user.Options.HasFlag(RegexOptions.NonBacktracking));

        // A rule's content pattern is never trusted, built-in or not.
        var rulePattern = BuiltInRules.Config.Rules.First(r => r.Regex is not null).Regex!;
        Assert.True(RegexDialect.CompileLazily(rulePattern, "test").Value.Options.HasFlag(RegexOptions.NonBacktracking));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsMatch_GivesTheCallersAnswer_WhenTheMatchTimesOut(bool onTimeout)
    {
        var slow = new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(5));
        Assert.Equal(onTimeout, RegexDialect.IsMatch(slow, new string('a', 40) + "!", onTimeout));
    }
}
