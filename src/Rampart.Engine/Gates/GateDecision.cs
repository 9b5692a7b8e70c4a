using Rampart.Core.Findings;

namespace Rampart.Engine.Gates;

/// <summary>
/// The outcome of a gate. <paramref name="Threshold"/> is null when the gate never fails;
/// <paramref name="BlockingFindings"/> are ordered worst first; <paramref name="Summary"/> is one line for people.
/// </summary>
public sealed record GateDecision(
    bool Passed,
    Severity? Threshold,
    int Blocking,
    IReadOnlyList<Finding> BlockingFindings,
    string Summary);
