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
    [InlineData("[a-f]{4}", "key: \u00e9\u00e9\u00e9\u00e9", true)] // non-ASCII counts as in the class: the test stays a necessary one
    public void Possible_IsFalse_OnlyWhenNoRunOfTheClassIsLongEnough(string value, string window, bool expected)
    {
        var run = Assert.IsType<ValueRun>(ValueRun.For(value));
        Assert.Equal(expected, run.Possible(window));
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
