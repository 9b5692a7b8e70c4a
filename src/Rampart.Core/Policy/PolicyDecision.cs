namespace Rampart.Core.Policy;

/// <summary>The gate's verdict: passed, or failed with one line per reason (the policy's deny messages).</summary>
public sealed record PolicyDecision(bool Passed, IReadOnlyList<string> Reasons)
{
    public static PolicyDecision Pass { get; } = new(true, []);

    public static PolicyDecision Fail(params string[] reasons) => new(false, reasons);

    public string Summary => Passed ? "policy: pass" : "policy: " + string.Join("; ", Reasons);
}
