using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

public sealed class KeywordPrecedeTests
{
    [Fact]
    public void Allows_WantsTheAtomsMinimumRun_RightBeforeTheKeyword()
    {
        var precede = Assert.IsType<KeywordPrecede>(KeywordPrecede.For(@"\b([0-9a-f]{32}-us\d{1,2})\b", ["-us"]));
        var hex = new string('a', 32);
        Assert.True(precede.Allows("key: " + hex + "-us12", 5 + 32));
        Assert.False(precede.Allows("key: " + hex[..31] + "x-us12", 5 + 32));
        Assert.False(precede.Allows("multi-use", 5)); // too little text before the keyword
        Assert.True(precede.Allows("k\u00e9-us", 2)); // non-ASCII before it: undecided
    }

    [Theory]
    [InlineData(@"(?i)\b([0-9a-f]{32}-us)", "-us")] // an inline option first
    [InlineData(@"\b([0-9a-f]{32}-us|other)", "-us")] // an alternative
    [InlineData(@"\b([0-9a-f]{32}-us)", "key")] // the keyword does not start the literal
    [InlineData(@"\b([0-9a-f]*-us)", "-us")] // the run may be empty
    public void For_GivesNoTest_WhenThePatternIsNotOfThatShape(string pattern, string keyword) => Assert.Null(KeywordPrecede.For(pattern, [keyword]));

    [Fact]
    public void Allows_IsTrue_WheneverTheRulesRegexMatches_ForEveryBuiltInRuleWithATest()
    {
        var rules = BuiltInRules.Compiled.Compiled.Where(r => r.Precede is not null).ToList();
        Assert.Contains(rules, r => r.Rule.Id == "mailchimp-api-key");
        var random = new Random(4);
        string[] pieces = ["0123456789abcdef0123456789abcdef", "0123456789abcdef", "deadbeefcafe", "ABCDEF", "-", "_", " ", "\n", "=", "\"", "xyz", "\u00e9"];
        var checkedMatches = 0;
        foreach (var rule in rules)
        {
            foreach (var keyword in rule.Rule.Keywords)
            {
                for (var round = 0; round < 2000; round++)
                {
                    var before = string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
                    var after = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => pieces[random.Next(pieces.Length)]));
                    var text = before + keyword + "12" + after;
                    if (!rule.Regex.IsMatch(text))
                        continue;
                    checkedMatches++;
                    // Any hit of the keyword where a match's literal stands must pass.
                    foreach (var match in rule.Regex.EnumerateMatches(text))
                    {
                        var at = text.AsSpan(match.Index, match.Length).IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
                        var literal = text.AsSpan(match.Index, match.Length).LastIndexOf(keyword, StringComparison.OrdinalIgnoreCase);
                        Assert.True(at >= 0 && rule.Precede!.Allows(text, match.Index + literal), $"{rule.Rule.Id}: {text}");
                    }
                }
            }
        }

        Assert.True(checkedMatches > 10, $"only {checkedMatches} matches checked");
    }
}
