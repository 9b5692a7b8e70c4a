using Rampart.Core.Findings;
using Rampart.Engine.Gates;

namespace Rampart.Engine.Tests.Gates;

public sealed class SeverityGateTests
{
    [Fact]
    public void Evaluate_Fails_AndCountsBySeverity_WhenFindingsReachThreshold()
    {
        var decision = new SeverityGate(Severity.High).Evaluate(
            [F(Severity.Critical), F(Severity.Low), F(Severity.High), F(Severity.Critical), F(Severity.Medium)]);

        Assert.False(decision.Passed);
        Assert.Equal(Severity.High, decision.Threshold);
        Assert.Equal(3, decision.Blocking);
        Assert.Equal("3 findings at or above high: 2 critical, 1 high", decision.Summary);
    }

    [Fact]
    public void Evaluate_ListsBlockingFindingsWorstFirst_AndLeavesOthersOut()
    {
        var decision = new SeverityGate(Severity.Medium).Evaluate(
            [F(Severity.Medium, "m"), F(Severity.Info, "i"), F(Severity.Critical, "c"), F(Severity.High, "h")]);

        Assert.Equal(["c", "h", "m"], decision.BlockingFindings.Select(f => f.RuleId));
    }

    [Fact]
    public void Evaluate_Passes_WhenAllFindingsAreBelowThreshold()
    {
        var decision = new SeverityGate(Severity.High).Evaluate([F(Severity.Medium), F(Severity.Low), F(Severity.Info)]);

        Assert.True(decision.Passed);
        Assert.Equal(0, decision.Blocking);
        Assert.Empty(decision.BlockingFindings);
        Assert.Equal("no findings at or above high", decision.Summary);
    }

    [Fact]
    public void Evaluate_Fails_WhenFindingIsExactlyAtThreshold()
    {
        var decision = new SeverityGate(Severity.Medium).Evaluate([F(Severity.Medium)]);

        Assert.False(decision.Passed);
        Assert.Equal("1 finding at or above medium: 1 medium", decision.Summary);
    }

    [Fact]
    public void Evaluate_FailsOnInfo_WhenThresholdIsInfo()
    {
        var decision = new SeverityGate(Severity.Info).Evaluate([F(Severity.Info), F(Severity.Low)]);

        Assert.False(decision.Passed);
        Assert.Equal("2 findings at or above info: 1 low, 1 info", decision.Summary);
    }

    [Fact]
    public void Evaluate_NeverFails_WhenThresholdIsNull()
    {
        var decision = new SeverityGate(null).Evaluate([F(Severity.Critical), F(Severity.Critical)]);

        Assert.True(decision.Passed);
        Assert.Null(decision.Threshold);
        Assert.Equal(0, decision.Blocking);
        Assert.Equal("severity gate off: 2 findings, none blocking", decision.Summary);
    }

    [Fact]
    public void Evaluate_Passes_WhenThereAreNoFindings()
    {
        Assert.True(new SeverityGate(Severity.Info).Evaluate([]).Passed);
        Assert.Equal("severity gate off: no findings, none blocking", new SeverityGate(null).Evaluate([]).Summary);
    }

    [Fact]
    public void Evaluate_BlocksUnknownSeverityAboveCritical_SoTheGateFailsClosed()
    {
        var decision = new SeverityGate(Severity.Critical).Evaluate([F((Severity)7)]);

        Assert.False(decision.Passed);
        Assert.Equal("1 finding at or above critical: 1 severity 7", decision.Summary);
    }

    [Fact]
    public void Constructor_RejectsThreshold_ThatIsNotASeverity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeverityGate((Severity)42));
    }

    private static Finding F(Severity severity, string ruleId = "rule") =>
        new(ruleId, severity, "message", new SourceLocation("a.cs", 1), "fp");
}
