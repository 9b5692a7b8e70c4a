using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

public sealed class ValueRunTests
{
    [Theory]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token = abc", false)]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token = 'abcdefgh12345678'", true)]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token = abcdefgh 12345678", false)]
    [InlineData(@"[^\s""'\x60;,]{10,100}", "password = \"hunter2hunter2\"", true)]
    [InlineData(@"[^\s""'\x60;,]{10,100}", "password = \"short\"; x", false)]
    [InlineData("[a-f]{4}", "key: \u00e9\u00e9\u00e9\u00e9", true)] // non-ASCII: the test gives up, so it stays a necessary one
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token = self.session.get('client')", false)] // no terminator after the run
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token = self.session.getclient", true)] // the end of the window ends a value
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token => \"abcdefgh12345678\";", true)]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,20}", "token: abcdefgh12345678abcdefgh", false)] // longer than the range
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token =     abcdefgh12345678", false)] // five blanks: the pattern allows three and a quote
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "token ==abcdefgh12345678\n", true)]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", "abcdefgh12345678 = token", false)] // a run before any operator is no value
    public void Possible_IsFalse_OnlyWhenNoRunOfTheClassIsLongEnough(string value, string window, bool expected)
    {
        var run = Assert.IsType<ValueRun>(ValueRun.For(value));
        Assert.Equal(expected, run.Possible(window));
        // The test must never say no where the rule's regex finds a match.
        if (!expected)
            Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(AssignmentPattern.Build(["token", "password", "key"], value)), window);
    }

    [Theory]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}")]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,24}")]
    [InlineData(@"[^\s""'\x60;,]{10,100}")]
    [InlineData("[a-f0-9]{8,12}")]
    public void Possible_IsTrue_WheneverTheRulesRegexMatches(string value)
    {
        var regex = new System.Text.RegularExpressions.Regex(AssignmentPattern.Build(["token", "secret"], value), System.Text.RegularExpressions.RegexOptions.NonBacktracking);
        var run = Assert.IsType<ValueRun>(ValueRun.For(value));
        string[] pieces = ["token", "secret", "_KEY", " ", "  ", "\t", "\n", "=", ":", ":=", "=>", ",", "?=", "\"", "'", "`", "(", ")", ";", "&", "}", "\\n", "\u00e9", "\u00a0",
            "abcdef", "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "+/=", "-_.~", "deadbeef", "value:", "\n  value: "];
        var random = new Random(5);
        var matched = 0;
        for (var round = 0; round < 20_000; round++)
        {
            string Noise(int most) => string.Concat(Enumerable.Range(0, random.Next(0, most)).Select(_ => pieces[random.Next(pieces.Length)]));
            // Half the windows are shaped like an assignment with a value of random length, half are noise.
            var window = random.Next(2) == 0
                ? Noise(14)
                : Noise(3) + "token" + Noise(2) + new string(' ', random.Next(0, 5)) + pieces[random.Next(7, 12)] + new string(' ', random.Next(0, 5))
                    + Noise(2) + new string("abcdef0123456789"[random.Next(16)], random.Next(4, random.Next(2) == 0 ? 20 : 140)) + Noise(4);
            if (!regex.IsMatch(window))
                continue;
            matched++;
            Assert.True(run.Possible(window), window);
        }

        Assert.True(matched > 100, $"only {matched} random windows matched: the check saw too few");
    }

    [Theory]
    [InlineData(3.7, 13)]
    [InlineData(3.2, 10)]
    [InlineData(4.0, 16)]
    [InlineData(0.0, 0)]
    public void DistinctFor_IsTheFewestCharactersThatCanReachTheEntropy(double entropy, int expected)
    {
        Assert.Equal(expected, ValueRun.DistinctFor(entropy));
        if (expected > 1)
        {
            // A value of one character fewer, evenly spread, stays below the entropy; one of exactly that many reaches it.
            var fewer = string.Concat(Enumerable.Repeat(new string([.. "abcdefghijklmnopqrstuvwxyz0123456789".Take(expected - 1)]), 4));
            Assert.True(ShannonEntropy.Of(fewer) < entropy);
            var enough = string.Concat(Enumerable.Repeat(new string([.. "abcdefghijklmnopqrstuvwxyz0123456789".Take(expected)]), 4));
            Assert.True(ShannonEntropy.Of(enough) >= entropy - 1e-9);
        }
    }

    [Theory]
    [InlineData("token = 'aaaabbbbccccdddd1234'", false)] // 8 different characters: below 3.7 bits whatever the order
    [InlineData("token = 'Zq9Xw3Lp7Rt2Vb8Nm4Kd'", true)]
    public void Possible_IsFalse_WhenTheValueHasTooFewDifferentCharactersForTheEntropy(string window, bool expected)
    {
        var run = Assert.IsType<ValueRun>(ValueRun.For("[A-Za-z0-9+/=_.~-]{16,128}", 3.7));
        Assert.Equal(expected, run.Possible(window));
    }

    [Theory]
    [InlineData("[A-Za-z0-9+/=_.~-]{16,128}", 3.7)]
    [InlineData(@"[^\s""'\x60;,]{10,100}", 3.2)]
    public void Possible_IsTrue_WheneverTheRuleWouldReportAFinding(string value, double entropy)
    {
        var regex = new System.Text.RegularExpressions.Regex(AssignmentPattern.Build(["token", "password"], value), System.Text.RegularExpressions.RegexOptions.NonBacktracking);
        var run = Assert.IsType<ValueRun>(ValueRun.For(value, entropy));
        var random = new Random(9);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_.~-)&]}";
        var reported = 0;
        for (var round = 0; round < 20_000; round++)
        {
            // Values of few to many different characters, so entropy falls on both sides of the minimum.
            var spread = random.Next(2, Alphabet.Length);
            var secret = new string([.. Enumerable.Range(0, random.Next(8, 40)).Select(_ => Alphabet[random.Next(spread)])]);
            var window = (random.Next(2) == 0 ? "token" : "password") + " = \"" + secret + "\";" + (random.Next(2) == 0 ? " x = 1" : "");
            var match = regex.Match(window);
            if (!match.Success || ShannonEntropy.Of(match.Groups[1].Value) < entropy)
                continue;
            reported++;
            Assert.True(run.Possible(window), window);
        }

        Assert.True(reported > 100, $"only {reported} windows would be reported");
    }

    [Theory]
    [InlineData("[a-z]+")]
    [InlineData("[a-z]{1,5}")]
    [InlineData("(?:ab|cd){8}")]
    [InlineData("[a-z]{8}x")]
    public void For_IsNull_WhenTheValueIsNotOneClassWithAMinimumLength(string value) => Assert.Null(ValueRun.For(value));

    [Fact]
    public void ValueOf_GivesBackTheValue_OfAnAssignmentPattern()
    {
        var regex = AssignmentPattern.Build(["secret", "api_key"], "[A-Za-z0-9]{20,40}");
        Assert.Equal("[A-Za-z0-9]{20,40}", AssignmentPattern.ValueOf(regex));
        Assert.Null(AssignmentPattern.ValueOf(@"(?i)secret\s*=\s*([a-z]+)"));
    }
}
