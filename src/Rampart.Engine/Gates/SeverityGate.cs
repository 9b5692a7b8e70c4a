using System.Globalization;
using Rampart.Core.Findings;

namespace Rampart.Engine.Gates;

/// <summary>
/// Fails when any finding is at or above a severity threshold. With a null threshold it never fails
/// but still reports how many findings there were.
/// </summary>
public sealed class SeverityGate
{
    private readonly Severity? _failOn;

    public SeverityGate(Severity? failOn)
    {
        if (failOn is { } value && !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(failOn), value, "Unknown severity.");
        }

        _failOn = failOn;
    }

    public GateDecision Evaluate(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (_failOn is not { } threshold)
        {
            var total = findings.Count == 0 ? "no findings" : Count(findings.Count);
            return new GateDecision(true, null, 0, [], $"severity gate off: {total}, none blocking");
        }

        // Values above Critical (an enum from a newer producer) block too: the gate fails closed.
        var blocking = findings.Where(f => f.Severity >= threshold).OrderByDescending(f => f.Severity).ToList();
        var name = Name(threshold);
        if (blocking.Count == 0)
        {
            return new GateDecision(true, threshold, 0, [], $"no findings at or above {name}");
        }

        var breakdown = string.Join(", ", blocking
            .GroupBy(f => f.Severity)
            .OrderByDescending(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Name(g.Key)}")));
        return new GateDecision(false, threshold, blocking.Count, blocking, $"{Count(blocking.Count)} at or above {name}: {breakdown}");
    }

    private static string Count(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "finding" : "findings")}");

    private static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        Severity.Info => "info",
        _ => "severity " + ((int)severity).ToString(CultureInfo.InvariantCulture),
    };
}
