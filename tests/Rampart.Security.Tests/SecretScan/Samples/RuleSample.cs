namespace Rampart.Security.Tests.SecretScan.Samples;

/// <summary>One sample of a rule: the expanded text, the path it is scanned under and whether the rule must fire.</summary>
public sealed record RuleSample(string RuleId, string Text, string Path, bool Positive, int Index)
{
    public override string ToString() => $"{RuleId} {(Positive ? "tp" : "fp")}#{Index}";
}
