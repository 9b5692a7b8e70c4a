using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

public sealed class KeywordFollowTests
{
    [Theory]
    [InlineData(@"(?i)authorization[""']?\s*[:=,]\s*[""']?(?:basic|bearer|token)\s+([A-Za-z0-9]{20,})", "Authorization: Bearer abc", "Authorization: `Bearer ${token}`")]
    [InlineData(@"(?i)authorization[""']?\s*[:=,]\s*[""']?(?:basic|bearer|token)\s+([A-Za-z0-9]{20,})", "authorization\n  = 'token x", "authorization(request)")]
    [InlineData(@"\b(sk_live_[0-9a-zA-Z]{24,247})\b", "sk_live_abcdefghijklmnopqrstuvwxyz", "sk_live_abc)")]
    [InlineData(@"\b(xoxb-[0-9]{10,13}-[0-9]{10,13})", "xoxb-1234567890-1234567890", "xoxb-12345678901234-1")]
    [InlineData(@"key(?:_id)?\s*=\s*(\S+)", "KEY_ID = x", "key: x")]
    public void Allows_FollowsThePatternsStepsAfterTheLiteral(string pattern, string passes, string fails)
    {
        var follow = Assert.IsType<KeywordFollow>(KeywordFollow.For(pattern));
        Assert.True(follow.Allows("x " + passes, 2));
        Assert.False(follow.Allows("x " + fails, 2));
        Assert.False(follow.Allows("x " + follow.Literal, 2)); // the text ends where a character is required
        Assert.True(follow.Allows("x " + follow.Literal + "\u00a0", 2)); // non-ASCII: undecided, so allowed
    }

    [Fact]
    public void Allows_IsUndecided_WhenARunGoesBeyondWhatItLooksAt()
    {
        var follow = Assert.IsType<KeywordFollow>(KeywordFollow.For(@"token\s*=\s*(\S+)"));
        Assert.True(follow.Allows("token" + new string(' ', 300) + "= x", 0));
        Assert.False(follow.Allows("token" + new string(' ', 100) + ": x", 0));
    }

    [Fact]
    public void Allows_WantsTheWholeMinimumRun_OfAFirstAtomThatMustOccur()
    {
        var follow = Assert.IsType<KeywordFollow>(KeywordFollow.For(@"\b(EAA[A-Za-z0-9]{100,})\b"));
        Assert.True(follow.Allows("x EAA" + new string('Q', 100), 2));
        Assert.False(follow.Allows("x EAA" + new string('Q', 99) + ")", 2));
        Assert.False(follow.Allows("x EAA" + new string('Q', 50), 2)); // the text ends first
        Assert.True(follow.Allows("x EAA" + new string('Q', 50) + "\u00e9", 2)); // non-ASCII: undecided
    }

    [Theory]
    [InlineData(@"abc[0-9]{5}|abcd")] // another alternative may begin at the same keyword
    [InlineData(@"(?:abc[0-9]{5}|abcd)x")]
    [InlineData(@"(?i)(?:password|passwd)\s*=\s*(\S+)")] // an alternation
    [InlineData(@"key(?:_id|(x))\s*=\s*(\S+)")] // a group it does not read right after the literal
    [InlineData(@"keys?=(\S+)")] // a quantified last letter
    [InlineData(@"token")] // the match may end at the literal
    [InlineData(@"[a-z]+token=(\S+)")] // no leading literal
    public void For_GivesNoTest_WhenThePatternIsNotPlain(string pattern) => Assert.Null(KeywordFollow.For(pattern));

    [Fact]
    public void Scan_FindsASecretAfterAKeywordThatFailsTheTest_InsideTheSameWindow()
    {
        // The first "authorization" cannot begin a match; the second, on the same line, does. The first
        // hit must not mark the window searched.
        var engine = new SecretScanEngine(BuiltInRules.Compiled);
        var text = "check(authorization); headers.authorization = \"Bearer Zq9Xw3Lp7Rt2Vb8Nm4Kd6Hs1Jf5Gc0\"\n";
        var findings = engine.ScanText(text, new ScanTarget("app.js"));
        Assert.Contains(findings, f => f.RuleId == "authorization-header" && f.Line == 1);
    }

    [Fact]
    public void Allows_IsTrue_WheneverTheRulesRegexMatchesAtTheLiteral_ForEveryBuiltInRuleWithATest()
    {
        var rules = BuiltInRules.Compiled.Compiled.Where(r => r.Follow is not null).ToList();
        Assert.Contains(rules, r => r.Rule.Id == "authorization-header");
        var random = new Random(3);
        string[] pieces = [" ", "\t", "\n", "=", ":", ",", "\"", "'", "(", ")", "-", "_", ".", "/", "+", "\u00a0", "Bearer ", "abcdef", "XYZ", "0123456789", "deadbeef00", "Zq9Xw3Lp7Rt2Vb8Nm4Kd6Hs1Jf5Gc0aB3dE6"];
        var checkedMatches = 0;
        foreach (var rule in rules)
        {
            var literal = rule.Follow!.Literal;
            for (var round = 0; round < 300; round++)
            {
                var tail = string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
                var text = "x " + (random.Next(2) == 0 ? literal : literal.ToUpperInvariant()) + tail;
                var beginsAtLiteral = false;
                foreach (var match in rule.Regex.EnumerateMatches(text.AsSpan(1)))
                    beginsAtLiteral |= match.Index == 1;
                if (!beginsAtLiteral)
                    continue;
                checkedMatches++;
                Assert.True(rule.Follow.Allows(text, 2), $"{rule.Rule.Id}: {text}");
            }
        }

        Assert.True(checkedMatches > 10, $"only {checkedMatches} matches checked");
    }
}
